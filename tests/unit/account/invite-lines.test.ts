import { describe, expect, it } from "vitest";
import { MAX_INVITE_LINES, parseInviteLines, type InviteLine, type InviteParse } from "@/lib/account/invite-lines";

/** A valid line as parseInviteLines returns it; the defaults are a buyer without limit in Dutch. */
const invite = (lineNumber: number, email: string, name: string, extra: Partial<Extract<InviteLine, { kind: "invite" }>> = {}): InviteLine => ({
  lineNumber,
  kind: "invite",
  email,
  name,
  role: "buyer",
  orderLimitMinor: null,
  locale: "nl",
  ...extra,
});

/** The only line of a one-line list (no header), parsed with Dutch as the admin's language. */
function onlyLine(text: string, defaultLocale: "nl" | "en" = "nl"): InviteLine {
  const parsed = parseInviteLines(text, defaultLocale);
  if (!parsed.ok) throw new Error(`expected lines, got ${JSON.stringify(parsed)}`);
  expect(parsed.lines).toHaveLength(1);
  return parsed.lines[0]!;
}

describe("parseInviteLines: separators, quotes and byte-order mark", () => {
  it.each<[string, string, InviteLine[]]>([
    ["tabs, as Excel copies them (CRLF)", "anna@klant.nl\tAnna de Vries\tkoper\t1500\tnl\r\nbob@klant.nl\tBob Smit\tgoedkeurder\t\ten", [
      invite(1, "anna@klant.nl", "Anna de Vries", { orderLimitMinor: 150_000 }),
      invite(2, "bob@klant.nl", "Bob Smit", { role: "approver", locale: "en" }),
    ]],
    ["semicolons, as Dutch Excel saves CSV", "anna@klant.nl;Anna de Vries;koper;1.500,00;nl\nbob@klant.nl;Bob Smit;beheerder", [
      invite(1, "anna@klant.nl", "Anna de Vries", { orderLimitMinor: 150_000 }),
      invite(2, "bob@klant.nl", "Bob Smit", { role: "company_admin" }),
    ]],
    ["commas", "anna@klant.nl,Anna de Vries,buyer,1500,en\nbob@klant.nl,Bob Smit", [
      invite(1, "anna@klant.nl", "Anna de Vries", { orderLimitMinor: 150_000, locale: "en" }),
      invite(2, "bob@klant.nl", "Bob Smit"),
    ]],
    ["a tab wins over semicolons and commas in the same line", "anna@klant.nl\tVries, Anna; de\tkoper", [invite(1, "anna@klant.nl", "Vries, Anna; de")]],
    ["quoted fields (a comma in a quoted name, doubled quotes, spaces inside the quotes)", '"anna@klant.nl";"Vries, Anna de";"Koper"\n" bob@klant.nl ";"Bob ""Bobby"" Smit";"";"";"en"', [
      invite(1, "anna@klant.nl", "Vries, Anna de"),
      invite(2, "bob@klant.nl", 'Bob "Bobby" Smit', { locale: "en" }),
    ]],
    ["a UTF-8 byte-order mark before the first address", "\uFEFFanna@klant.nl;Anna", [invite(1, "anna@klant.nl", "Anna")]],
    ["blank and separator-only lines are ignored, line numbers stay those of the input", "anna@klant.nl;Anna\n\n;;;\n   \nbob@klant.nl;Bob", [
      invite(1, "anna@klant.nl", "Anna"),
      invite(5, "bob@klant.nl", "Bob"),
    ]],
    ["spaces around fields are trimmed", "  anna@klant.nl ;  Anna de Vries  ; koper ; 1500 ; en ", [invite(1, "anna@klant.nl", "Anna de Vries", { orderLimitMinor: 150_000, locale: "en" })]],
    ["extra columns after the language are ignored", "anna@klant.nl;Anna;koper;;nl;Inkoop;Utrecht", [invite(1, "anna@klant.nl", "Anna")]],
  ])("%s", (_case, text, lines) => {
    expect(parseInviteLines(text, "nl")).toEqual({ ok: true, lines, headerSkipped: false });
  });
});

describe("parseInviteLines: the header line", () => {
  it.each<[string, string, InviteLine[], boolean]>([
    ["a Dutch header is skipped", "e-mail;naam;rol;orderlimiet;taal\nanna@klant.nl;Anna", [invite(2, "anna@klant.nl", "Anna")], true],
    ["an English header from Excel (tabs) is skipped", "Email address\tName\tRole\tOrder limit\tLanguage\nanna@klant.nl\tAnna", [invite(2, "anna@klant.nl", "Anna")], true],
    ["a header after a byte-order mark and blank lines is skipped", "\uFEFF\n\nE-mail;Naam\n\nanna@klant.nl;Anna", [invite(5, "anna@klant.nl", "Anna")], true],
    ["a first line that is a real address is not skipped", "anna@klant.nl;Anna\nbob@klant.nl;Bob", [invite(1, "anna@klant.nl", "Anna"), invite(2, "bob@klant.nl", "Bob")], false],
    ["a first line with an invalid address that has an @ is a line, not a header", "anna@;Anna\nbob@klant.nl;Bob", [
      { lineNumber: 1, kind: "invalid", email: "anna@", problem: "email_invalid" },
      invite(2, "bob@klant.nl", "Bob"),
    ], false],
    ["a first line with a mistyped address (no @) is reported, not taken for a header", "anna.klant.nl;Anna\nbob@klant.nl;Bob", [
      { lineNumber: 1, kind: "invalid", email: "anna.klant.nl", problem: "email_invalid" },
      invite(2, "bob@klant.nl", "Bob"),
    ], false],
    ["a header naming the column e-mailadres or Mail is skipped", "E-mailadres;Naam\nanna@klant.nl;Anna", [invite(2, "anna@klant.nl", "Anna")], true],
    ["only the first line can be a header: a later line without @ is an invalid line", "e-mail;naam\nanna@klant.nl;Anna\nbob.klant.nl;Bob", [
      invite(2, "anna@klant.nl", "Anna"),
      { lineNumber: 3, kind: "invalid", email: "bob.klant.nl", problem: "email_invalid" },
    ], true],
  ])("%s", (_case, text, lines, headerSkipped) => {
    expect(parseInviteLines(text, "nl")).toEqual({ ok: true, lines, headerSkipped });
  });
});

describe("parseInviteLines: e-mail addresses", () => {
  it.each([
    ["Anna.De.Vries@Klant.NL", "anna.de.vries@klant.nl"],
    ["ANNA+inkoop@klant.example.com", "anna+inkoop@klant.example.com"],
    ["anna@klant.nl", "anna@klant.nl"],
  ])("%s is invited in lower case as %s", (address, lowered) => {
    expect(onlyLine(`${address};Anna`)).toMatchObject({ kind: "invite", email: lowered });
  });

  it.each(["anna", "anna@", "@klant.nl", "anna@@klant.nl", "anna@klant", "anna de vries@klant.nl", `${"a".repeat(190)}@klant.example.nl`])("%s is not an e-mail address", (address) => {
    // After a real first line, so the address-less ones are not taken for a header.
    const parsed = parseInviteLines(`bob@klant.nl;Bob\n${address};Anna`, "nl");
    expect(parsed).toMatchObject({ ok: true, headerSkipped: false });
    expect(parsed.ok && parsed.lines[1]).toEqual({ lineNumber: 2, kind: "invalid", email: address, problem: "email_invalid" });
  });

  it("an address without a name is name_missing, before role, limit or language are looked at", () => {
    expect(onlyLine("anna@klant.nl;;onbekend;abc;de")).toEqual({ lineNumber: 1, kind: "invalid", email: "anna@klant.nl", problem: "name_missing" });
    expect(onlyLine("anna@klant.nl")).toEqual({ lineNumber: 1, kind: "invalid", email: "anna@klant.nl", problem: "name_missing" });
    expect(onlyLine('anna@klant.nl;""')).toEqual({ lineNumber: 1, kind: "invalid", email: "anna@klant.nl", problem: "name_missing" });
  });
});

describe("parseInviteLines: names", () => {
  it.each<[string, string, "invite" | "name_too_long"]>([
    ["100 letters", "a".repeat(100), "invite"],
    ["101 letters", "a".repeat(101), "name_too_long"],
    ["100 emoji (200 UTF-16 code units) count as 100 characters", "😀".repeat(100), "invite"],
    ["101 emoji", "😀".repeat(101), "name_too_long"],
    ["99 letters and an emoji", `${"b".repeat(99)}👍`, "invite"],
    ["100 letters and an emoji", `${"b".repeat(100)}👍`, "name_too_long"],
    ["100 accented letters", "é".repeat(100), "invite"],
  ])("%s", (_case, name, expected) => {
    const line = onlyLine(`anna@klant.nl;${name}`);
    if (expected === "invite") expect(line).toEqual(invite(1, "anna@klant.nl", name));
    else expect(line).toEqual({ lineNumber: 1, kind: "invalid", email: "anna@klant.nl", problem: "name_too_long" });
  });
});

describe("parseInviteLines: roles in Dutch and English", () => {
  it.each<[string, "buyer" | "approver" | "company_admin"]>([
    ["", "buyer"],
    ["koper", "buyer"],
    ["Koper", "buyer"],
    ["inkoper", "buyer"],
    ["INKOPER", "buyer"],
    ["besteller", "buyer"],
    ["buyer", "buyer"],
    ["Buyer", "buyer"],
    ["goedkeurder", "approver"],
    ["Goedkeurder", "approver"],
    ["fiatteur", "approver"],
    ["approver", "approver"],
    ["APPROVER", "approver"],
    ["beheerder", "company_admin"],
    ["Beheerder", "company_admin"],
    ["admin", "company_admin"],
    ["Admin", "company_admin"],
    ["company admin", "company_admin"],
    ["Company Admin", "company_admin"],
    ["company   admin", "company_admin"],
    ["  company admin  ", "company_admin"],
    ["company_admin", "company_admin"],
    ["COMPANY_ADMIN", "company_admin"],
  ])("%j is %s", (roleText, role) => {
    expect(onlyLine(`anna@klant.nl;Anna;${roleText}`)).toEqual(invite(1, "anna@klant.nl", "Anna", { role }));
  });

  it.each(["manager", "eigenaar", "account_manager", "staff", "koper2", "company-admin", "superadmin"])("%j is role_unknown (staff roles included)", (roleText) => {
    expect(onlyLine(`anna@klant.nl;Anna;${roleText}`)).toEqual({ lineNumber: 1, kind: "invalid", email: "anna@klant.nl", problem: "role_unknown" });
  });
});

describe("parseInviteLines: order limits", () => {
  it.each<[string, number | null]>([
    ["1500", 150_000],
    ["1.500,00", 150_000],
    ["1.500", 150_000],
    ["1500,50", 150_050],
    ["2,500.00", 250_000],
    ["€ 750", 75_000],
    ["€750,5", 75_050],
    ["0", 0],
    ["", null],
  ])("%j is %s minor units", (limitText, orderLimitMinor) => {
    // Semicolons: the Dutch and English decimal signs are both part of the field.
    expect(onlyLine(`anna@klant.nl;Anna;koper;${limitText}`)).toEqual(invite(1, "anna@klant.nl", "Anna", { orderLimitMinor }));
  });

  it.each(["abc", "-100", "1.500.00", "12,345,67", "1,5.00", "1e3", "25000000", "20.000.000,01"])("%j is limit_invalid", (limitText) => {
    expect(onlyLine(`anna@klant.nl;Anna;koper;${limitText}`)).toEqual({ lineNumber: 1, kind: "invalid", email: "anna@klant.nl", problem: "limit_invalid" });
  });

  it("a limit with a decimal comma in a comma-separated line is not read as a limit", () => {
    // "1,5" splits into the limit "1" and the language "5": the line is refused, never invited with €1.
    expect(onlyLine("anna@klant.nl,Anna,koper,1,5")).toMatchObject({ kind: "invalid", problem: "language_unknown" });
  });
});

describe("parseInviteLines: languages", () => {
  it.each<[string, "nl" | "en", "nl" | "en"]>([
    ["nl", "en", "nl"],
    ["NL", "en", "nl"],
    ["nederlands", "en", "nl"],
    ["Nederlands", "en", "nl"],
    ["dutch", "en", "nl"],
    ["Dutch", "en", "nl"],
    ["en", "nl", "en"],
    ["EN", "nl", "en"],
    ["english", "nl", "en"],
    ["English", "nl", "en"],
    ["engels", "nl", "en"],
    ["Engels", "nl", "en"],
    ["", "nl", "nl"],
    ["", "en", "en"],
  ])("%j with the admin's %s is %s", (languageText, defaultLocale, locale) => {
    expect(onlyLine(`anna@klant.nl;Anna;;;${languageText}`, defaultLocale)).toEqual(invite(1, "anna@klant.nl", "Anna", { locale }));
  });

  it.each(["de", "Deutsch", "fr", "nl-NL", "vlaams"])("%j is language_unknown", (languageText) => {
    expect(onlyLine(`anna@klant.nl;Anna;;;${languageText}`)).toEqual({ lineNumber: 1, kind: "invalid", email: "anna@klant.nl", problem: "language_unknown" });
  });
});

describe("parseInviteLines: an address twice", () => {
  it("is a problem of the later line, found case-insensitively, pointing at the first line", () => {
    const text = ["e-mail;naam", "Anna@Klant.nl;Anna", "bob@klant.nl;Bob", "anna@KLANT.NL;Anna again", "BOB@klant.nl;Bob again", "anna@klant.nl;Anna thrice"].join("\n");
    expect(parseInviteLines(text, "nl")).toEqual({
      ok: true,
      headerSkipped: true,
      lines: [
        invite(2, "anna@klant.nl", "Anna"),
        invite(3, "bob@klant.nl", "Bob"),
        { lineNumber: 4, kind: "invalid", email: "anna@KLANT.NL", problem: "duplicate_email", firstLine: 2 },
        { lineNumber: 5, kind: "invalid", email: "BOB@klant.nl", problem: "duplicate_email", firstLine: 3 },
        { lineNumber: 6, kind: "invalid", email: "anna@klant.nl", problem: "duplicate_email", firstLine: 2 },
      ],
    });
  });

  it("counts even when the first line is wrong otherwise (so both lines are reported)", () => {
    const parsed = parseInviteLines("anna@klant.nl;;koper\nanna@klant.nl;Anna", "nl");
    expect(parsed).toEqual({
      ok: true,
      headerSkipped: false,
      lines: [
        { lineNumber: 1, kind: "invalid", email: "anna@klant.nl", problem: "name_missing" },
        { lineNumber: 2, kind: "invalid", email: "anna@klant.nl", problem: "duplicate_email", firstLine: 1 },
      ],
    });
  });

  it("two invalid addresses that are the same text are both email_invalid, not duplicates", () => {
    const parsed = parseInviteLines("bob@klant.nl;Bob\nanna;Anna\nanna;Anna", "nl");
    expect(parsed.ok && parsed.lines.map((line) => (line.kind === "invalid" ? line.problem : line.kind))).toEqual(["invite", "email_invalid", "email_invalid"]);
  });
});

describe("parseInviteLines: every line is reported with its own problem", () => {
  it("one list, every kind of problem, in line order", () => {
    const text = [
      "E-mail;Naam;Rol;Limiet;Taal",
      "ok@klant.nl;Okke;koper;1500;nl",
      "geen-adres;Niemand",
      "naamloos@klant.nl;",
      `lang@klant.nl;${"x".repeat(101)}`,
      "rol@klant.nl;Rolf;directeur",
      "limiet@klant.nl;Lim;koper;veel",
      "taal@klant.nl;Taal;koper;;fries",
      "OK@klant.nl;Okke twee",
    ].join("\n");
    const parsed = parseInviteLines(text, "en") as Extract<InviteParse, { ok: true }>;
    expect(parsed.headerSkipped).toBe(true);
    expect(parsed.lines.map((line) => [line.lineNumber, line.kind === "invite" ? "invite" : line.problem])).toEqual([
      [2, "invite"],
      [3, "email_invalid"],
      [4, "name_missing"],
      [5, "name_too_long"],
      [6, "role_unknown"],
      [7, "limit_invalid"],
      [8, "language_unknown"],
      [9, "duplicate_email"],
    ]);
  });
});

describe("parseInviteLines: empty lists and the line limit", () => {
  it.each([
    ["nothing", ""],
    ["whitespace and blank lines", "  \n\n\t\n"],
    ["separators only", ";;;;\n,,,\n\t\t"],
    ["a byte-order mark only", "\uFEFF"],
    ["only a header", "e-mail;naam;rol;orderlimiet;taal"],
    ["only a header with blank lines", "\uFEFFE-mail\tName\r\n\r\n;;\r\n"],
  ])("%s is empty", (_case, text) => {
    expect(parseInviteLines(text, "nl")).toEqual({ ok: false, error: "empty" });
  });

  const list = (count: number) => Array.from({ length: count }, (_, i) => `user${i}@klant.nl;User ${i}`);

  it(`${MAX_INVITE_LINES} lines are fine, with or without a header and blank lines`, () => {
    expect(MAX_INVITE_LINES).toBe(200);
    const plain = parseInviteLines(list(200).join("\n"), "nl");
    expect(plain).toMatchObject({ ok: true, headerSkipped: false });
    expect(plain.ok && plain.lines).toHaveLength(200);
    expect(plain.ok && plain.lines[199]).toEqual(invite(200, "user199@klant.nl", "User 199"));

    const withHeader = parseInviteLines(["e-mail;naam", ...list(200), "", ";;"].join("\n"), "nl");
    expect(withHeader).toMatchObject({ ok: true, headerSkipped: true });
    expect(withHeader.ok && withHeader.lines).toHaveLength(200);
  });

  it("201 lines are too many, and the count says how many (the header not counted)", () => {
    expect(parseInviteLines(list(201).join("\n"), "nl")).toEqual({ ok: false, error: "too_many_lines", count: 201 });
    expect(parseInviteLines(["e-mail;naam", ...list(201)].join("\n"), "nl")).toEqual({ ok: false, error: "too_many_lines", count: 201 });
    expect(parseInviteLines(["e-mail;naam", ...list(250), "", ""].join("\n"), "nl")).toEqual({ ok: false, error: "too_many_lines", count: 250 });
  });

  it("invalid lines count towards the limit too", () => {
    const lines = Array.from({ length: 201 }, (_, i) => (i === 0 ? "first@klant.nl;First" : `broken-${i}`));
    expect(parseInviteLines(lines.join("\n"), "nl")).toEqual({ ok: false, error: "too_many_lines", count: 201 });
  });
});

describe("the Users page's example and sample file", () => {
  it.each(["nl", "en"] as const)("parse as the help text promises (%s)", async (locale) => {
    const messages = (await import(`@/lib/i18n/messages/account.${locale}.json`)).default.account.users;
    const sample = parseInviteLines(messages.inviteListSampleFile, locale);
    expect(sample).toMatchObject({ ok: true, headerSkipped: true });
    const invites = (sample as Extract<InviteParse, { ok: true }>).lines;
    expect(invites.map((line) => (line.kind === "invite" ? [line.role, line.orderLimitMinor] : line.problem))).toEqual([
      ["buyer", 150_000],
      ["approver", null],
    ]);
    const placeholder = parseInviteLines(messages.inviteListPlaceholder, locale);
    expect(placeholder.ok && placeholder.lines.every((line) => line.kind === "invite")).toBe(true);
  });
});
