import { describe, expect, it } from "vitest";
import { cutToLength, shortDescription } from "@/lib/punchout/short-description";

describe("shortDescription (OCI DESCRIPTION, cXML ShortName)", () => {
  it.each<[string, string, string]>([
    // What the UX review found: a cut pack size left "…, 1" and "…, 100 stu".
    ["a pack suffix that does not fit goes whole", "Latex gloves size L examination grade, 100 pieces", "Latex gloves size L examination grade"],
    ["a Dutch pack suffix goes whole", "Kabelbinders 2,5 x 100 mm zwart, 100 stuks", "Kabelbinders 2,5 x 100 mm zwart"],
    ["the cut lands after a comma: no trailing comma", "Kabelbinder polyamide 6.6, UV-bestendig, 200 x 4,8 mm, zwart", "Kabelbinder polyamide 6.6, UV-bestendig"],
    ["a number whose unit was cut goes, with the pack word before it", "Kopieerpapier wit A4 80 g/m² pak 500 vellen", "Kopieerpapier wit A4 80 g/m²"],
    ["'box of' goes with its cut count", "Nitrile gloves powder-free blue, box of 100 pieces", "Nitrile gloves powder-free blue"],
    ["'ream of 500' goes whole, the weight before it stays", "Copy paper A4 white 80 gsm, ream of 500 sheets", "Copy paper A4 white 80 gsm"],
    ["a dimension cut after 'x' goes with its first number", "Schroef spaanplaat verzinkt torx 4,0 x 40 mm, 200 stuks", "Schroef spaanplaat verzinkt torx"],
    ["a number run into its cut unit without a comma", "Kabelbinders 2,5 x 100 mm zwart 100 stuks per zak", "Kabelbinders 2,5 x 100 mm zwart"],
    ["an unclosed parenthesis goes with what it opened", "Kabelbinder 200 x 4,8 mm zwart (zak à 100 stuks)", "Kabelbinder 200 x 4,8 mm zwart"],
    ["a trailing connector goes", "Bureaustoel Ergo Plus, zwart met armleuningen en hoofdsteun", "Bureaustoel Ergo Plus, zwart"],
    ["a size label goes with its cut value", "Veiligheidsschoenen S3 laag zwart maat 43, heren", "Veiligheidsschoenen S3 laag zwart"],
    ["a number followed by a word that is no unit stays (a model)", "Afvalbak met pedaal Brabantia NewIcon 30 grijs", "Afvalbak met pedaal Brabantia NewIcon 30"],
    ["a number ending a clause stays", "Toner voor laserprinter Brother TN 2420, zwart", "Toner voor laserprinter Brother TN 2420"],
    ["Dutch: the refill's count goes", "Handzeep navulling voor dispenser Tork, 6 x 1 liter", "Handzeep navulling voor dispenser Tork"],
    // Letters outside ASCII are one character each; the cut is still between words.
    ["accented letters count once", "Präzisions-Meßbecher für Café-Labor, 250 ml, hitzebeständig borosilicaatglas", "Präzisions-Meßbecher für Café-Labor"],
    ["Dutch diaeresis", "Reinigingsmiddel allesreiniger ecologisch, citroen, 5 liter", "Reinigingsmiddel allesreiniger"],
    // No space in the first 40 characters: a hyphen or slash inside the word, else the last character that fits.
    ["one long hyphenated word is cut after a hyphen", "Veiligheidshandschoenen-snijbestendig-niveau-C-maat-9, 12 paar", "Veiligheidshandschoenen-snijbestendig"],
    ["a slash inside the word", "Schroevendraaierset/bitset/dopsleutelset/koffer-46-delig", "Schroevendraaierset/bitset/dopsleutelset"],
    ["no break at all: the last character that fits", "HDMIKABELHIGHSPEEDETHERNETVERGULDTWEEMETERZWART", "HDMIKABELHIGHSPEEDETHERNETVERGULDTWEEMET"],
    ["a short word and then a very long one: the long one is cut, not dropped", "Map arbeidsongeschiktheidsverzekeringsformulieren blauw", "Map arbeidsongeschiktheidsverzekeringsfo"],
    ["Japanese without spaces", "ニトリル手袋パウダーフリー青色Mサイズ百枚入り使い捨て手袋食品衛生法適合品ニトリル製極薄タイプ", "ニトリル手袋パウダーフリー青色Mサイズ百枚入り使い捨て手袋食品衛生法適合品ニトリ"],
    // What fits is sent as it is.
    ["exactly 40 characters", "Nitrile gloves, blue, size M, 100 pcs EU", "Nitrile gloves, blue, size M, 100 pcs EU"],
    ["shorter", "Kabelbinder 200x4,8 zwart (100 st)", "Kabelbinder 200x4,8 zwart (100 st)"],
  ])("%s", (_label, name, expected) => {
    const short = shortDescription(name, 40);
    expect(short).toBe(expected);
    expect(short.length).toBeLessThanOrEqual(40);
    expect(name.startsWith(short)).toBe(true);
  });

  it("never ends in a comma, a connector or a number cut from its unit, whatever the length", () => {
    const name = "Latex gloves size L examination grade, powder free, box of 100 pieces, white";
    for (let max = 12; max < name.length; max++) {
      const short = shortDescription(name, max);
      expect(short.length, `max ${max}`).toBeLessThanOrEqual(max);
      expect(short, `max ${max}`).not.toMatch(/[,;:\-]$|\b(of|box|100)$/);
      expect(name.startsWith(short), `max ${max}`).toBe(true);
    }
  });

  it.each<[string, string, number, "utf16" | "codepoint", string]>([
    ["SAP counts an emoji as two", "Mok 😀 wit keramiek", 5, "utf16", "Mok"],
    ["XML counts it as one", "Mok 😀 wit keramiek", 5, "codepoint", "Mok 😀"],
    ["a hard cut never splits an emoji (UTF-16)", `${"x".repeat(39)}😀 tail`, 40, "utf16", "x".repeat(39)],
    ["a hard cut by code points", "Ab😀defgh", 5, "codepoint", "Ab😀de"],
  ])("%s", (_label, name, max, unit, expected) => {
    expect(shortDescription(name, max, unit)).toBe(expected);
  });
});

describe("cutToLength", () => {
  it.each<[string, string, number, string]>([
    ["plain Latin text is sliced", "polyamide 6.6", 10, "polyamide"],
    ["a combining mark stays with its letter", `${"x".repeat(9)}q\u0303`, 10, "x".repeat(9)],
    ["an emoji is two UTF-16 units", `${"x".repeat(9)}😀`, 10, "x".repeat(9)],
  ])("%s", (_label, text, max, expected) => {
    expect(cutToLength(text, max)).toBe(expected);
  });
});
