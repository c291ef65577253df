/**
 * The words the demo catalog is generated from: a two-level category tree, product families with
 * variant dimensions per category, and fictitious brands. Names are composed as
 * `<family> <variant values…>, <pack size> <pack noun>`, so every value must read naturally after the
 * noun in both languages ("Kopieerpapier A4 80 g/m² wit, 500 vel" / "Copy paper A4 80 gsm white, 500 sheets").
 */

/** UN/ECE Recommendation 20 unit codes used by the demo catalog. */
export type UnitCode = "EA" | "PK" | "BX" | "PR" | "KGM" | "MTR" | "LTR" | "RO" | "SET" | "CT";
export type VatRate = 0 | 900 | 2100;
export type ParentCode = "OFF" | "CLN" | "MRO" | "LAB";

export interface Term {
  nl: string;
  en: string;
}

export interface VariantValue extends Term {
  /** Price relative to the family's base (1 when absent). */
  price?: number;
  /** Attribute value when it differs from `nl` (e.g. "L" for "maat L"). */
  attr?: string;
  /** The attribute value in English when `attr` is Dutch ("nitril" → "nitrile", "1,5 m" → "1.5 m"). */
  attrEn?: string;
}

export interface VariantDimension {
  /** Language-neutral attribute key. */
  key: string;
  values: readonly VariantValue[];
}

export interface PackSpec {
  sizes: readonly number[];
  /** The noun after a count other than one ("500 vel", "500 sheets"). */
  nl: string;
  en: string;
  /** The noun after a count of one ("1 stuk", "1 piece"); required when `sizes` holds 1. */
  one?: Term;
  /** Sales unit per size when it changes with the size (a ream of 500 is a pack, 2500 sheets a box). */
  units?: readonly UnitCode[];
  /**
   * What the sizes count as a unit code (products.content_unit: XST sheets, C62 pieces, RO rolls…), where
   * the noun has one; a pad of 50 sheets or a tea bag has none, and the shop then says "6 per pak".
   */
  contentUnit?: string;
}

export interface ProductFamily extends Term {
  /** Defaults to the category's first unit; must be one of the category's units. */
  unit?: UnitCode;
  /** Contents of one sales unit, appended to the name (", 500 vel"); the price scales with it. */
  pack?: PackSpec;
  dims: readonly VariantDimension[];
  /** Optional second description sentence specific to the family. */
  note?: Term;
  /** Base price range in cents when it differs from the category's. */
  price?: readonly [number, number];
}

export interface ChildCategorySpec {
  code: string;
  slug: string;
  nameNl: string;
  nameEn: string;
  /** UNSPSC commodity (8 digits). */
  unspsc: string;
  units: readonly UnitCode[];
  vat: VatRate;
  /** Base price range in cents for the smallest pack; equal bounds mean an exact price (vouchers). */
  price: readonly [number, number];
  /** First sentence of every description in this category. */
  blurb: Term;
  families: readonly ProductFamily[];
}

export interface ParentCategorySpec {
  code: ParentCode;
  slug: string;
  nameNl: string;
  nameEn: string;
  /** Closing sentences for descriptions, one picked per product. */
  sentences: readonly Term[];
  children: readonly ChildCategorySpec[];
}

export interface BrandSpec {
  name: string;
  manufacturer: string;
  /** Prefix of the manufacturer part numbers. */
  mpnPrefix: string;
  /** A generalist: appears in every category of these parents. */
  parents?: readonly ParentCode[];
  /** A specialist: appears in these categories. */
  categories?: readonly string[];
  /** In its categories only specialists appear (coffee comes from a roaster, not a tool brand). */
  exclusive?: boolean;
}

export const UNIT_NAMES: Record<UnitCode, Term> = {
  EA: { nl: "stuk", en: "piece" },
  PK: { nl: "pak", en: "pack" },
  BX: { nl: "doos", en: "box" },
  PR: { nl: "paar", en: "pair" },
  KGM: { nl: "kilogram", en: "kilogram" },
  MTR: { nl: "meter", en: "meter" },
  LTR: { nl: "liter", en: "liter" },
  RO: { nl: "rol", en: "roll" },
  SET: { nl: "set", en: "set" },
  CT: { nl: "karton", en: "carton" },
};

/** The content unit of a pack noun (PackSpec.contentUnit); nouns without one ("blokken", "zakjes") are left out. */
const PACK_NOUN_UNITS: Readonly<Record<string, string>> = { vel: "XST", stuks: "C62", rollen: "RO", paar: "PR", kg: "KGM", gram: "GRM" };

const v = (nl: string, en: string = nl, price?: number, attr?: string, attrEn?: string): VariantValue => ({ nl, en, price, attr, attrEn });
const same = (...values: string[]): VariantValue[] => values.map((value) => v(value));
const dim = (key: string, values: readonly VariantValue[]): VariantDimension => ({ key, values });
const pack = (sizes: readonly number[], nl: string, en: string, units?: readonly UnitCode[]): PackSpec => ({ sizes, nl, en, units, contentUnit: PACK_NOUN_UNITS[nl] });
const pieces = (...sizes: number[]): PackSpec => ({ ...pack(sizes, "stuks", "pieces"), one: { nl: "stuk", en: "piece" } });
const sized = (prefixNl: string, prefixEn: string, sizes: readonly string[], step = 0): VariantValue[] =>
  sizes.map((size, i) => v(`${prefixNl} ${size}`, `${prefixEn} ${size}`, 1 + i * step, size));

const PEN_COLOURS = [v("blauw", "blue"), v("zwart", "black"), v("rood", "red"), v("groen", "green")];
const BRIGHT_COLOURS = [v("geel", "yellow"), v("roze", "pink"), v("groen", "green"), v("oranje", "orange"), v("blauw", "blue")];
const OFFICE_COLOURS = [v("zwart", "black"), v("blauw", "blue"), v("rood", "red"), v("grijs", "gray"), v("wit", "white")];
const CODE_COLOURS = [v("rood", "red"), v("blauw", "blue"), v("geel", "yellow"), v("groen", "green")];
const GLOVE_SIZES = sized("maat", "size", ["S", "M", "L", "XL"]);
const WORK_GLOVE_SIZES = sized("maat", "size", ["8", "9", "10", "11"]);
const GARMENT_SIZES = sized("maat", "size", ["S", "M", "L", "XL", "XXL"]);
const SHOE_SIZES = sized("maat", "size", ["38", "39", "40", "41", "42", "43", "44", "45", "46", "47"]);
const litres = (...amounts: number[]): VariantValue[] =>
  amounts.map((l) => v(`${l} liter`, `${l} liter${l === 1 ? "" : "s"}`, (l / amounts[0]!) ** 0.7, `${l} l`));
const millilitres = (...amounts: number[]): VariantValue[] => amounts.map((ml) => v(`${ml} ml`, `${ml} ml`, (ml / amounts[0]!) ** 0.7));

const OFFICE: ParentCategorySpec = {
  code: "OFF",
  slug: "kantoorartikelen",
  nameNl: "Kantoorartikelen",
  nameEn: "Office supplies",
  sentences: [
    { nl: "Op werkdagen voor 16.00 uur besteld, de volgende werkdag op kantoor.", en: "Order before 4 pm on business days for next-day delivery to your office." },
    { nl: "Geschikt voor intensief dagelijks gebruik.", en: "Built for intensive daily use." },
    { nl: "Een vaste waarde op elke werkplek.", en: "A staple on every desk." },
    { nl: "Geproduceerd met aandacht voor duurzaamheid en minder verpakking.", en: "Made with an eye on sustainability and less packaging." },
  ],
  children: [
    {
      code: "OFF-PAP", slug: "kopieerpapier", nameNl: "Kopieerpapier", nameEn: "Copy paper",
      unspsc: "14111507", units: ["PK", "BX"], vat: 2100, price: [399, 1499],
      blurb: { nl: "Papier voor laserprinters, inkjetprinters en kopieerapparaten.", en: "Paper for laser printers, inkjet printers and copiers." },
      families: [
        {
          nl: "Kopieerpapier", en: "Copy paper", price: [399, 699], pack: pack([500, 2500], "vel", "sheets", ["PK", "BX"]),
          dims: [
            dim("format", [v("A4"), v("A3", "A3", 2)]),
            dim("weight", [v("80 g/m²", "80 gsm"), v("90 g/m²", "90 gsm", 1.2), v("100 g/m²", "100 gsm", 1.4)]),
            dim("colour", [v("wit", "white"), v("gerecycled", "recycled", 0.95)]),
          ],
          note: { nl: "Vrij van stof en storingen, ook bij dubbelzijdig printen.", en: "Dust-free and jam-free, including duplex printing." },
        },
        {
          nl: "Gekleurd kopieerpapier", en: "Colored copy paper", price: [499, 899], pack: pack([250, 500], "vel", "sheets"),
          dims: [dim("format", [v("A4")]), dim("weight", [v("80 g/m²", "80 gsm"), v("160 g/m²", "160 gsm", 1.6)]), dim("colour", [v("pastelgeel", "pastel yellow"), v("pastelblauw", "pastel blue"), v("lichtgroen", "light green"), v("intensrood", "intense red", 1.2), v("zalm", "salmon")])],
        },
        { nl: "Printkarton", en: "Cardstock", price: [799, 1499], pack: pack([100, 250], "vel", "sheets"), dims: [dim("format", [v("A4"), v("A3", "A3", 2)]), dim("weight", [v("200 g/m²", "200 gsm"), v("250 g/m²", "250 gsm", 1.2)])] },
      ],
    },
    {
      code: "OFF-PEN", slug: "pennen", nameNl: "Pennen", nameEn: "Pens",
      unspsc: "44121701", units: ["BX", "EA"], vat: 2100, price: [95, 1495],
      blurb: { nl: "Schrijft soepel en droogt snel.", en: "Writes smoothly and dries quickly." },
      families: [
        { nl: "Balpen", en: "Ballpoint pen", price: [295, 995], pack: pieces(10, 50), dims: [dim("colour", PEN_COLOURS), dim("tip", [v("fijne punt", "fine tip"), v("medium punt", "medium tip")])] },
        { nl: "Gelpen", en: "Gel pen", price: [149, 399], unit: "EA", dims: [dim("colour", PEN_COLOURS), dim("tip", [v("0,5 mm", "0.5 mm"), v("0,7 mm", "0.7 mm")])] },
        { nl: "Rollerpen", en: "Rollerball pen", price: [199, 599], unit: "EA", dims: [dim("colour", PEN_COLOURS), dim("body", [v("kunststof", "plastic"), v("metaal", "metal", 2.5)])] },
        { nl: "Potlood", en: "Pencil", price: [199, 695], pack: pieces(12, 72), dims: [dim("hardness", same("HB", "2B", "H")), dim("finish", [v("met gum", "with eraser"), v("zonder gum", "without eraser")])] },
      ],
    },
    {
      code: "OFF-MRK", slug: "markers", nameNl: "Markers & markeerstiften", nameEn: "Markers & highlighters",
      unspsc: "44121708", units: ["PK", "EA"], vat: 2100, price: [149, 1295],
      blurb: { nl: "Heldere kleuren die niet doordrukken.", en: "Bright colors that do not bleed through." },
      families: [
        { nl: "Markeerstift", en: "Highlighter", price: [299, 699], pack: pieces(4, 10), dims: [dim("colour", BRIGHT_COLOURS), dim("tip", [v("beitelpunt", "chisel tip")])] },
        { nl: "Permanent marker", en: "Permanent marker", price: [129, 349], unit: "EA", dims: [dim("colour", PEN_COLOURS), dim("tip", [v("ronde punt", "bullet tip"), v("beitelpunt", "chisel tip")])] },
        { nl: "Whiteboardmarker", en: "Whiteboard marker", price: [399, 899], pack: pieces(4, 10), dims: [dim("colour", [v("assorti", "assorted"), ...PEN_COLOURS]), dim("tip", [v("ronde punt", "bullet tip"), v("beitelpunt", "chisel tip")])] },
      ],
    },
    {
      code: "OFF-NTB", slug: "schrijfblokken-notitieboeken", nameNl: "Schrijfblokken & notitieboeken", nameEn: "Writing pads & notebooks",
      unspsc: "14111514", units: ["EA", "PK"], vat: 2100, price: [129, 1995],
      blurb: { nl: "Glad papier dat prettig beschrijft met pen en potlood.", en: "Smooth paper that takes pen and pencil well." },
      families: [
        { nl: "Schrijfblok", en: "Writing pad", price: [129, 399], pack: pack([50, 100], "vel", "sheets"), dims: [dim("format", [v("A4"), v("A5", "A5", 0.7)]), dim("ruling", [v("gelinieerd", "ruled"), v("geruit 5 mm", "5 mm squared"), v("blanco", "plain")])] },
        { nl: "Notitieboek", en: "Notebook", price: [299, 1495], unit: "EA", dims: [dim("format", [v("A5"), v("A4", "A4", 1.4)]), dim("cover", [v("harde kaft", "hardcover", 1.3), v("softcover")]), dim("colour", OFFICE_COLOURS)] },
        { nl: "Memoblokjes", en: "Sticky notes", price: [399, 999], unit: "PK", pack: pack([6, 12], "blokken", "pads"), dims: [dim("size", [v("76 x 76 mm"), v("38 x 51 mm", "38 x 51 mm", 0.6)]), dim("colour", [v("geel", "yellow"), v("neon assorti", "neon assorted", 1.2)])] },
      ],
    },
    {
      code: "OFF-FIL", slug: "archivering", nameNl: "Ordners & archivering", nameEn: "Binders & filing",
      unspsc: "44122011", units: ["EA", "PK"], vat: 2100, price: [179, 2495],
      blurb: { nl: "Houdt documenten overzichtelijk en goed beschermd.", en: "Keeps documents organized and well protected." },
      families: [
        { nl: "Ordner", en: "Lever arch file", price: [199, 499], unit: "EA", dims: [dim("format", [v("A4"), v("folio", "foolscap", 1.1)]), dim("spine", [v("rugbreedte 50 mm", "50 mm spine", 1, "50 mm"), v("rugbreedte 80 mm", "80 mm spine", 1.1, "80 mm")]), dim("colour", OFFICE_COLOURS)] },
        { nl: "Hangmappen", en: "Hanging file folders", price: [995, 1995], unit: "PK", pack: pieces(25, 50), dims: [dim("format", [v("A4"), v("folio", "foolscap")]), dim("base", [v("V-bodem", "V-base"), v("bodem 30 mm", "30 mm base", 1.2)])] },
        { nl: "Archiefdoos", en: "Archive box", price: [995, 2495], unit: "PK", pack: pieces(10, 50), dims: [dim("format", [v("A4"), v("folio", "foolscap")]), dim("material", [v("gerecycled karton", "recycled board"), v("wit karton", "white board", 1.2)])] },
        { nl: "Insteekhoezen", en: "Sheet protectors", price: [295, 895], unit: "PK", pack: pieces(100, 500), dims: [dim("finish", [v("glashelder", "clear"), v("generfd", "embossed")]), dim("thickness", same("50 micron", "80 micron"))] },
      ],
    },
    {
      code: "OFF-ENV", slug: "enveloppen", nameNl: "Enveloppen & verzendtassen", nameEn: "Envelopes & mailers",
      unspsc: "44121506", units: ["BX"], vat: 2100, price: [995, 4995],
      blurb: { nl: "Geschikt voor handmatig en machinaal kuverteren.", en: "Suitable for manual and machine inserting." },
      families: [
        { nl: "Envelop", en: "Envelope", price: [1495, 3995], pack: pieces(500), dims: [dim("format", [v("C4", "C4", 1.8), v("C5", "C5", 1.2), v("EA5/6"), v("DL")]), dim("closure", [v("zelfklevend", "self-seal"), v("met stripsluiting", "peel and seal", 1.2)]), dim("window", [v("met venster", "with window"), v("zonder venster", "without window")])] },
        { nl: "Luchtkussenenvelop", en: "Padded envelope", price: [1995, 3995], pack: pieces(100), dims: [dim("size", [v("18 x 26 cm"), v("22 x 34 cm", "22 x 34 cm", 1.3), v("27 x 36 cm", "27 x 36 cm", 1.6)]), dim("colour", [v("wit", "white"), v("bruin", "brown")])] },
      ],
    },
    {
      code: "OFF-DSK", slug: "bureau-accessoires", nameNl: "Bureau-accessoires", nameEn: "Desk accessories",
      unspsc: "44111500", units: ["EA"], vat: 2100, price: [299, 3995],
      blurb: { nl: "Stevig uitgevoerd voor een opgeruimd bureau.", en: "Sturdily made for a tidy desk." },
      families: [
        { nl: "Nietmachine", en: "Stapler", price: [399, 1495], dims: [dim("capacity", [v("tot 20 vel", "up to 20 sheets", 1, "20"), v("tot 40 vel", "up to 40 sheets", 1.6, "40"), v("tot 100 vel", "up to 100 sheets", 3.5, "100")]), dim("colour", OFFICE_COLOURS)] },
        { nl: "Perforator", en: "Hole punch", price: [499, 1995], dims: [dim("capacity", [v("tot 20 vel", "up to 20 sheets", 1, "20"), v("tot 40 vel", "up to 40 sheets", 1.7, "40")]), dim("holes", [v("2-gaats", "2-hole"), v("4-gaats", "4-hole", 1.4)])] },
        { nl: "Brievenbak", en: "Letter tray", price: [249, 995], dims: [dim("format", [v("A4"), v("folio", "foolscap")]), dim("colour", OFFICE_COLOURS), dim("material", [v("kunststof", "plastic"), v("metaal", "metal", 2.2)])] },
        { nl: "Plakbandhouder", en: "Tape dispenser", price: [299, 1295], dims: [dim("colour", OFFICE_COLOURS), dim("size", [v("voor rollen tot 33 m", "for rolls up to 33 m"), v("voor rollen tot 66 m", "for rolls up to 66 m", 1.5)])] },
      ],
    },
    {
      code: "OFF-SMA", slug: "kleine-kantoorartikelen", nameNl: "Nietjes, clips & plakband", nameEn: "Staples, clips & tape",
      unspsc: "44122107", units: ["BX", "PK"], vat: 2100, price: [89, 895],
      blurb: { nl: "Kleine artikelen die op kantoor altijd op moeten voorraad zijn.", en: "Small items every office should have in stock." },
      families: [
        { nl: "Nietjes", en: "Staples", price: [89, 249], pack: pieces(1000, 5000), dims: [dim("size", same("24/6", "26/6", "23/10"))] },
        { nl: "Paperclips", en: "Paper clips", price: [89, 299], pack: pieces(100, 1000), dims: [dim("length", [v("28 mm"), v("50 mm", "50 mm", 1.5)]), dim("finish", [v("verzinkt", "galvanized"), v("gekleurd", "colored", 1.3)])] },
        { nl: "Plakband", en: "Adhesive tape", price: [495, 995], unit: "PK", pack: pack([8, 24], "rollen", "rolls"), dims: [dim("size", [v("19 mm x 33 m"), v("15 mm x 10 m", "15 mm x 10 m", 0.5)]), dim("type", [v("transparant", "clear"), v("onzichtbaar", "invisible", 1.3)])] },
        { nl: "Elastiekjes", en: "Rubber bands", price: [149, 395], pack: pack([100, 500], "gram", "grams"), dims: [dim("size", [v("60 x 1,5 mm", "60 x 1.5 mm"), v("100 x 2 mm")]), dim("colour", [v("naturel", "natural"), v("assorti", "assorted")])] },
      ],
    },
    {
      code: "OFF-TON", slug: "toner-inkt", nameNl: "Toner & inkt", nameEn: "Toner & ink",
      unspsc: "44103103", units: ["EA", "PK"], vat: 2100, price: [1495, 14995],
      blurb: { nl: "Compatibel met gangbare kantoorprinters; scherpe tekst en egale vlakken.", en: "Compatible with common office printers; crisp text and even fills." },
      families: [
        { nl: "Tonercartridge", en: "Toner cartridge", price: [4995, 12995], dims: [dim("colour", [v("zwart", "black"), v("cyaan", "cyan", 1.2), v("magenta", "magenta", 1.2), v("geel", "yellow", 1.2)]), dim("yield", [v("standaard capaciteit", "standard yield"), v("hoge capaciteit", "high yield", 1.6)])] },
        { nl: "Inktcartridge", en: "Ink cartridge", price: [1495, 3495], dims: [dim("colour", [v("zwart", "black"), v("cyaan", "cyan"), v("magenta"), v("geel", "yellow")]), dim("yield", [v("standaard capaciteit", "standard yield"), v("XL-capaciteit", "XL yield", 1.6)])] },
        { nl: "Inktcartridges multipack", en: "Ink cartridge multipack", price: [3995, 8995], unit: "PK", dims: [dim("colour", [v("CMYK")]), dim("yield", [v("standaard capaciteit", "standard yield"), v("XL-capaciteit", "XL yield", 1.5)])] },
      ],
    },
    {
      code: "OFF-LBL", slug: "etiketten-labels", nameNl: "Etiketten & labels", nameEn: "Labels",
      unspsc: "55121606", units: ["BX", "EA"], vat: 2100, price: [795, 4495],
      blurb: { nl: "Hecht direct en blijft goed zitten, ook op karton.", en: "Sticks immediately and stays put, even on cardboard." },
      families: [
        { nl: "Adresetiketten", en: "Address labels", price: [1495, 2995], pack: pack([100, 500], "vel", "sheets"), dims: [dim("size", [v("70 x 36 mm"), v("99,1 x 38,1 mm", "99.1 x 38.1 mm"), v("105 x 48 mm")]), dim("colour", [v("wit", "white"), v("transparant", "clear", 1.6)])] },
        { nl: "Verzendetiketten", en: "Shipping labels", price: [1295, 2495], pack: pack([100, 500], "vel", "sheets"), dims: [dim("size", [v("A4 1 per vel", "A4 1 per sheet"), v("A4 2 per vel", "A4 2 per sheet")]), dim("adhesive", [v("permanent"), v("verwijderbaar", "removable", 1.2)])] },
        { nl: "Labeltape", en: "Label tape", price: [995, 2495], unit: "EA", dims: [dim("width", same("9 mm", "12 mm", "24 mm")), dim("colour", [v("zwart op wit", "black on white"), v("zwart op geel", "black on yellow"), v("wit op blauw", "white on blue")])] },
      ],
    },
    {
      code: "OFF-PRS", slug: "presentatie-whiteboards", nameNl: "Presentatie & whiteboards", nameEn: "Presentation & whiteboards",
      unspsc: "44111905", units: ["EA", "PK"], vat: 2100, price: [2495, 5995],
      blurb: { nl: "Voor overleg, trainingen en de dagelijkse planning.", en: "For meetings, training sessions and daily planning." },
      families: [
        { nl: "Whiteboard", en: "Whiteboard", price: [3995, 8995], dims: [dim("size", [v("60 x 90 cm"), v("90 x 120 cm", "90 x 120 cm", 1.6), v("120 x 180 cm", "120 x 180 cm", 2.6)]), dim("surface", [v("gelakt staal", "lacquered steel"), v("emaille", "enamel", 1.8)])] },
        { nl: "Prikbord", en: "Bulletin board", dims: [dim("size", [v("60 x 90 cm"), v("90 x 120 cm", "90 x 120 cm", 1.5)]), dim("surface", [v("kurk", "cork"), v("vilt blauw", "blue felt", 1.2)])] },
        { nl: "Flipoverpapier", en: "Flipchart pads", unit: "PK", price: [1495, 2995], pack: pack([5], "blokken van 50 vel", "pads of 50 sheets"), dims: [dim("ruling", [v("blanco", "plain"), v("geruit", "squared")])] },
      ],
    },
    {
      code: "OFF-CAL", slug: "agendas-planning", nameNl: "Agenda's & planning", nameEn: "Planners & calendars",
      unspsc: "44112004", units: ["EA"], vat: 2100, price: [495, 3995],
      blurb: { nl: "Overzichtelijke indeling voor het hele jaar.", en: "A clear layout for the whole year." },
      families: [
        { nl: "Bureau-agenda", en: "Desk planner", price: [995, 2495], dims: [dim("format", [v("A5"), v("A4", "A4", 1.3)]), dim("layout", [v("1 week op 2 pagina's", "week to view"), v("1 dag per pagina", "day per page", 1.3)]), dim("colour", [v("zwart", "black"), v("blauw", "blue")])] },
        { nl: "Jaarplanner", en: "Year planner", price: [795, 1995], dims: [dim("size", [v("60 x 90 cm"), v("90 x 120 cm", "90 x 120 cm", 1.4)]), dim("finish", [v("gelamineerd", "laminated"), v("papier", "paper", 0.6)])] },
        { nl: "Bureaukalender", en: "Desk calendar", price: [495, 1295], dims: [dim("type", [v("staand", "standing"), v("met notitieruimte", "with notes section", 1.2)])] },
      ],
    },
    {
      code: "OFF-ICT", slug: "computeraccessoires", nameNl: "Computeraccessoires", nameEn: "Computer accessories",
      unspsc: "43211708", units: ["EA"], vat: 2100, price: [995, 7995],
      blurb: { nl: "Plug-and-play op Windows, macOS en Linux.", en: "Plug and play on Windows, macOS and Linux." },
      families: [
        { nl: "Draadloze muis", en: "Wireless mouse", price: [1495, 2995], dims: [dim("design", [v("compact"), v("ergonomisch", "ergonomic", 1.8), v("verticaal", "vertical", 2.2)]), dim("colour", [v("zwart", "black"), v("grijs", "gray")])] },
        { nl: "Toetsenbord", en: "Keyboard", price: [1995, 4995], dims: [dim("layout", [v("US International"), v("QWERTY NL")]), dim("connection", [v("draadloos", "wireless", 1.4), v("USB")])] },
        { nl: "USB-stick", en: "USB flash drive", price: [699, 1295], dims: [dim("capacity", [v("32 GB"), v("64 GB", "64 GB", 1.5), v("128 GB", "128 GB", 2.4)]), dim("interface", [v("USB-A 3.2"), v("USB-C", "USB-C", 1.2)])] },
        { nl: "Monitorarm", en: "Monitor arm", price: [4995, 12995], dims: [dim("screens", [v("enkel", "single"), v("dubbel", "dual", 1.8)]), dim("mount", [v("bureauklem", "desk clamp"), v("doorvoer", "grommet mount")])] },
      ],
    },
    {
      code: "OFF-CAB", slug: "kabels-stroom", nameNl: "Kabels & stroom", nameEn: "Cables & power",
      unspsc: "26121609", units: ["EA"], vat: 2100, price: [599, 3995],
      blurb: { nl: "Degelijke kabels en stekkers voor de werkplek.", en: "Reliable cables and plugs for the workplace." },
      families: [
        { nl: "USB-C-kabel", en: "USB-C cable", price: [699, 1495], dims: [dim("length", [v("1 m"), v("2 m", "2 m", 1.3)]), dim("type", [v("USB-C naar USB-C", "USB-C to USB-C"), v("USB-C naar USB-A", "USB-C to USB-A")])] },
        { nl: "HDMI-kabel", en: "HDMI cable", price: [799, 1495], dims: [dim("length", [v("1,5 m", "1.5 m"), v("3 m", "3 m", 1.4), v("5 m", "5 m", 1.9)])] },
        { nl: "Stekkerdoos", en: "Power strip", price: [995, 2495], dims: [dim("sockets", [v("3-voudig", "3 outlets", 1, "3"), v("6-voudig", "6 outlets", 1.5, "6")]), dim("switch", [v("met schakelaar", "with switch", 1.2), v("zonder schakelaar", "without switch")]), dim("cable", [v("kabel 1,5 m", "1.5 m cable", 1, "1,5 m", "1.5 m"), v("kabel 3 m", "3 m cable", 1.2, "3 m")])] },
      ],
    },
    {
      code: "OFF-PAN", slug: "koffie-thee-pantry", nameNl: "Koffie, thee & pantry", nameEn: "Coffee, tea & pantry",
      unspsc: "50201706", units: ["PK", "KGM", "BX"], vat: 900, price: [249, 2499],
      blurb: { nl: "Voor de koffiecorner, de kantine en vergaderingen.", en: "For the coffee corner, the canteen and meetings." },
      families: [
        { nl: "Koffiebonen", en: "Coffee beans", price: [1295, 2295], unit: "KGM", dims: [dim("roast", [v("espresso", "espresso", 1.2), v("medium branding", "medium roast"), v("donkere branding", "dark roast", 1.1), v("cafeïnevrij", "decaf", 1.15)]), dim("certification", [v("Fairtrade"), v("biologisch", "organic", 1.25)])] },
        { nl: "Thee", en: "Tea", price: [199, 349], pack: pack([20, 100], "zakjes", "bags"), dims: [dim("flavour", [v("Engelse melange", "English blend"), v("groene thee", "green tea"), v("rooibos"), v("pepermunt", "peppermint"), v("Earl Grey")])] },
        { nl: "Suikersticks", en: "Sugar sticks", price: [795, 1295], unit: "BX", pack: pieces(500, 1000), dims: [dim("type", [v("witte suiker", "white sugar"), v("rietsuiker", "cane sugar", 1.3)])] },
        { nl: "Koekjes", en: "Cookies", price: [249, 499], pack: pieces(12, 48), dims: [dim("flavour", [v("roomboter", "butter"), v("chocolade", "chocolate", 1.2), v("speculaas", "spiced"), v("stroopwafel", "syrup waffle", 1.3)])] },
      ],
    },
    {
      code: "OFF-GFT", slug: "cadeaukaarten", nameNl: "Cadeaukaarten", nameEn: "Gift vouchers",
      unspsc: "14111608", units: ["EA"], vat: 0, price: [2500, 2500],
      blurb: { nl: "Een cadeaukaart voor medewerkers en relaties, twee jaar geldig.", en: "A gift voucher for staff and business relations, valid for two years." },
      families: [
        { nl: "Cadeaukaart", en: "Gift voucher", dims: [dim("value", [v("€ 25", "€25", 1), v("€ 50", "€50", 2), v("€ 100", "€100", 4)]), dim("design", [v("algemeen", "general"), v("kerst", "Christmas"), v("jubileum", "anniversary")])] },
        { nl: "Dinercadeaukaart", en: "Dining voucher", dims: [dim("value", [v("€ 25", "€25", 1), v("€ 50", "€50", 2), v("€ 75", "€75", 3)])] },
      ],
    },
  ],
};

const CLEANING: ParentCategorySpec = {
  code: "CLN",
  slug: "schoonmaak-facilitair",
  nameNl: "Schoonmaak & facilitair",
  nameEn: "Cleaning & facility",
  sentences: [
    { nl: "Geschikt voor professioneel gebruik in kantoren, zorg en onderwijs.", en: "Suitable for professional use in offices, healthcare and education." },
    { nl: "Ook in grote aantallen rechtstreeks op locatie geleverd.", en: "Also delivered in bulk straight to your site." },
    { nl: "Veiligheidsinformatieblad beschikbaar op aanvraag.", en: "Safety data sheet available on request." },
    { nl: "Zuinig in gebruik, dus lagere kosten per toepassing.", en: "Economical in use, so a lower cost per application." },
  ],
  children: [
    {
      code: "CLN-HYG", slug: "handhygiene", nameNl: "Handhygiëne", nameEn: "Hand hygiene",
      unspsc: "53131608", units: ["EA", "CT"], vat: 2100, price: [295, 1995],
      blurb: { nl: "Mild voor de huid, ook bij frequent handen wassen.", en: "Gentle on the skin, even with frequent hand washing." },
      families: [
        { nl: "Handzeep", en: "Hand soap", price: [295, 695], dims: [dim("volume", [...millilitres(500), ...litres(1).map((x) => ({ ...x, price: 1.7 }))]), dim("type", [v("vloeibaar", "liquid"), v("schuim", "foam", 1.15)]), dim("scent", [v("ongeparfumeerd", "unscented"), v("fris", "fresh")])] },
        { nl: "Handdesinfectie", en: "Hand sanitizer", price: [249, 495], dims: [dim("volume", [...millilitres(100, 500), ...litres(1).map((x) => ({ ...x, price: 5 }))]), dim("type", [v("gel"), v("vloeibaar", "liquid")])] },
        { nl: "Handcrème", en: "Hand cream", price: [349, 795], dims: [dim("volume", millilitres(100, 500)), dim("scent", [v("ongeparfumeerd", "unscented"), v("aloë vera", "aloe vera")])] },
        { nl: "Handzeep navulcassette", en: "Hand soap refill cartridge", price: [2995, 5995], unit: "CT", pack: pieces(6), dims: [dim("volume", [...millilitres(800), ...litres(1)]), dim("type", [v("schuim", "foam"), v("vloeibaar", "liquid")])] },
      ],
    },
    {
      code: "CLN-PAP", slug: "sanitair-papier", nameNl: "Sanitair papier", nameEn: "Washroom paper",
      unspsc: "14111704", units: ["PK", "CT", "RO"], vat: 2100, price: [995, 4995],
      blurb: { nl: "Past in de gangbare dispensers.", en: "Fits common dispensers." },
      families: [
        { nl: "Toiletpapier", en: "Toilet paper", price: [1295, 2495], pack: pack([24, 48], "rollen", "rolls"), dims: [dim("ply", [v("2-laags", "2-ply"), v("3-laags", "3-ply", 1.3)]), dim("material", [v("recycled"), v("cellulose", "virgin fiber", 1.2)])] },
        { nl: "Handdoekpapier", en: "Paper hand towels", price: [2495, 4495], unit: "CT", pack: pack([3200, 4000], "vel", "sheets"), dims: [dim("fold", [v("Z-vouw", "Z-fold"), v("C-vouw", "C-fold"), v("V-vouw", "V-fold")]), dim("ply", [v("1-laags", "1-ply"), v("2-laags", "2-ply", 1.25)])] },
        { nl: "Poetspapier", en: "Wiping paper", price: [1995, 3995], unit: "RO", dims: [dim("length", [v("rol 300 m", "300 m roll", 1, "300 m"), v("rol 380 m", "380 m roll", 1.2, "380 m")]), dim("ply", [v("1-laags", "1-ply"), v("2-laags", "2-ply", 1.3)]), dim("colour", [v("wit", "white"), v("blauw", "blue")])] },
      ],
    },
    {
      code: "CLN-DET", slug: "reinigingsmiddelen", nameNl: "Reinigingsmiddelen", nameEn: "Cleaning agents",
      unspsc: "47131801", units: ["EA"], vat: 2100, price: [295, 895],
      blurb: { nl: "Verwijdert vuil en vet zonder strepen.", en: "Removes dirt and grease without streaks." },
      families: [
        { nl: "Allesreiniger", en: "All-purpose cleaner", dims: [dim("volume", litres(1, 5)), dim("scent", [v("citrus"), v("ongeparfumeerd", "unscented")])] },
        { nl: "Sanitairreiniger", en: "Washroom cleaner", dims: [dim("volume", [...millilitres(750), ...litres(5).map((x) => ({ ...x, price: 4.5 }))]), dim("type", [v("zuur", "acidic"), v("neutraal", "neutral")])] },
        { nl: "Glasreiniger", en: "Glass cleaner", dims: [dim("volume", [...millilitres(500), ...litres(5).map((x) => ({ ...x, price: 5 }))]), dim("type", [v("spray"), v("concentraat", "concentrate", 1.3)])] },
        { nl: "Vloerreiniger", en: "Floor cleaner", dims: [dim("volume", litres(1, 5, 10)), dim("floor", [v("voor harde vloeren", "for hard floors"), v("voor linoleum", "for linoleum")])] },
      ],
    },
    {
      code: "CLN-DIS", slug: "desinfectie", nameNl: "Desinfectie", nameEn: "Disinfection",
      unspsc: "47131803", units: ["EA", "PK"], vat: 2100, price: [595, 1295],
      blurb: { nl: "Werkzaam tegen bacteriën en virussen volgens EN 14476.", en: "Effective against bacteria and viruses to EN 14476." },
      families: [
        { nl: "Oppervlaktedesinfectie", en: "Surface disinfectant", dims: [dim("volume", [...millilitres(750), ...litres(5).map((x) => ({ ...x, price: 4.8 }))]), dim("base", [v("op alcoholbasis", "alcohol-based"), v("alcoholvrij", "alcohol-free", 1.1)])] },
        { nl: "Desinfectiedoekjes", en: "Disinfectant wipes", unit: "PK", pack: pieces(100, 200), dims: [dim("base", [v("op alcoholbasis", "alcohol-based"), v("alcoholvrij", "alcohol-free", 1.1)])] },
        { nl: "Desinfectiespray", en: "Disinfectant spray", dims: [dim("volume", millilitres(400, 750))] },
      ],
    },
    {
      code: "CLN-DSH", slug: "vaatwas-keuken", nameNl: "Vaatwas & keuken", nameEn: "Dishwashing & kitchen",
      unspsc: "47131810", units: ["EA", "PK"], vat: 2100, price: [295, 2495],
      blurb: { nl: "Voor schone vaat in de pantry en bedrijfskeuken.", en: "For clean dishes in the pantry and company kitchen." },
      families: [
        { nl: "Vaatwastabletten", en: "Dishwasher tablets", price: [1495, 2995], unit: "PK", pack: pieces(100, 200), dims: [dim("type", [v("alles-in-1", "all-in-1"), v("fosfaatvrij", "phosphate-free", 1.1)])] },
        { nl: "Afwasmiddel", en: "Dish soap", price: [199, 449], dims: [dim("volume", [...millilitres(500), ...litres(5).map((x) => ({ ...x, price: 5 }))]), dim("scent", [v("citroen", "lemon"), v("ongeparfumeerd", "unscented")])] },
        { nl: "Glansspoelmiddel", en: "Rinse aid", price: [349, 695], dims: [dim("volume", [...millilitres(500), ...litres(5).map((x) => ({ ...x, price: 5 }))])] },
        { nl: "Ontkalker", en: "Descaler", price: [695, 1495], dims: [dim("volume", [...litres(1), ...litres(5).map((x) => ({ ...x, price: 3.8 }))]), dim("use", [v("voor koffiemachines", "for coffee machines"), v("voor vaatwassers", "for dishwashers")])] },
      ],
    },
    {
      code: "CLN-CLT", slug: "schoonmaakdoeken", nameNl: "Schoonmaakdoeken & sponzen", nameEn: "Cleaning cloths & sponges",
      unspsc: "47131502", units: ["PK"], vat: 2100, price: [199, 2495],
      blurb: { nl: "Met kleurcodering voor hygiënisch werken per ruimte.", en: "Color-coded for hygienic cleaning per area." },
      families: [
        { nl: "Microvezeldoek", en: "Microfiber cloth", price: [495, 1295], pack: pieces(5, 10), dims: [dim("size", [v("40 x 40 cm"), v("38 x 38 cm")]), dim("colour", CODE_COLOURS)] },
        { nl: "Sopdoek", en: "Dish cloth", price: [395, 995], pack: pieces(10, 50), dims: [dim("material", [v("katoen", "cotton"), v("viscose", "viscose", 0.8)]), dim("colour", CODE_COLOURS)] },
        { nl: "Schuurspons", en: "Scouring sponge", price: [295, 795], pack: pieces(10, 40), dims: [dim("grade", [v("zacht", "gentle"), v("normaal", "standard"), v("grof", "heavy duty", 1.2)])] },
      ],
    },
    {
      code: "CLN-MOP", slug: "vloeronderhoud", nameNl: "Vloeronderhoud", nameEn: "Floor care",
      unspsc: "47131604", units: ["EA", "PK"], vat: 2100, price: [995, 3495],
      blurb: { nl: "Voor snel en ergonomisch vloeren reinigen.", en: "For fast and ergonomic floor cleaning." },
      families: [
        { nl: "Vlakmop", en: "Flat mop", dims: [dim("width", [v("40 cm"), v("50 cm", "50 cm", 1.2)]), dim("material", [v("microvezel", "microfiber"), v("katoen", "cotton", 0.8)])] },
        { nl: "Mopsteel", en: "Mop handle", dims: [dim("length", [v("140 cm"), v("telescopisch 100–180 cm", "telescopic 100–180 cm", 1.6, "100–180 cm")]), dim("material", [v("aluminium", "aluminum"), v("glasvezel", "fiberglass", 1.5)])] },
        { nl: "Vloerwisser", en: "Floor squeegee", dims: [dim("width", [v("45 cm"), v("60 cm", "60 cm", 1.3), v("75 cm", "75 cm", 1.6)])] },
        { nl: "Veger", en: "Broom", dims: [dim("width", [v("30 cm"), v("60 cm", "60 cm", 1.7)]), dim("bristle", [v("zacht", "soft"), v("hard")])] },
      ],
    },
    {
      code: "CLN-TRL", slug: "schoonmaakwagens-emmers", nameNl: "Schoonmaakwagens & emmers", nameEn: "Cleaning carts & buckets",
      unspsc: "47121807", units: ["EA"], vat: 2100, price: [399, 2995],
      blurb: { nl: "Robuust kunststof, eenvoudig schoon te houden.", en: "Robust plastic, easy to keep clean." },
      families: [
        { nl: "Emmer", en: "Bucket", price: [299, 995], dims: [dim("volume", litres(10, 12, 15)), dim("colour", CODE_COLOURS)] },
        { nl: "Mopemmer met pers", en: "Mop bucket with wringer", price: [2495, 5995], dims: [dim("volume", litres(20, 25)), dim("wheels", [v("met wielen", "on casters", 1.4), v("zonder wielen", "without casters")])] },
        { nl: "Schoonmaakwagen", en: "Cleaning cart", price: [12995, 24995], dims: [dim("layout", [v("compact"), v("met afvalzakhouder", "with bag holder", 1.3), v("volledig uitgerust", "fully equipped", 1.9)])] },
      ],
    },
    {
      code: "CLN-BAG", slug: "afvalzakken", nameNl: "Afvalzakken", nameEn: "Trash bags & liners",
      unspsc: "47121701", units: ["RO", "PK", "CT"], vat: 2100, price: [199, 2495],
      blurb: { nl: "Scheurvast en lekvrij.", en: "Tear-resistant and leak-proof." },
      families: [
        { nl: "Afvalzakken", en: "Trash bags", price: [295, 895], pack: pack([20, 25], "stuks", "pieces"), dims: [dim("volume", litres(60, 120, 240)), dim("colour", [v("grijs", "gray"), v("blauw", "blue"), v("transparant", "clear")]), dim("strength", [v("T25"), v("T50", "T50", 1.5)])] },
        { nl: "Pedaalemmerzakken", en: "Step can liners", price: [149, 399], pack: pack([20, 50], "stuks", "pieces"), dims: [dim("volume", litres(20, 30)), dim("closure", [v("met trekband", "drawstring", 1.4), v("zonder trekband", "flat")])] },
        { nl: "Containerzakken", en: "Wheeled cart liners", price: [3995, 7995], unit: "CT", pack: pieces(100), dims: [dim("volume", litres(240)), dim("strength", [v("T50"), v("T70", "T70", 1.3)])] },
      ],
    },
    {
      code: "CLN-BIN", slug: "afvalbakken", nameNl: "Afvalbakken", nameEn: "Trash cans & bins",
      unspsc: "47121702", units: ["EA"], vat: 2100, price: [995, 12995],
      blurb: { nl: "Voor gescheiden inzameling op kantoor en in de kantine.", en: "For separate waste collection in offices and canteens." },
      families: [
        { nl: "Pedaalemmer", en: "Step trash can", price: [1495, 3995], dims: [dim("volume", litres(20, 30, 50)), dim("material", [v("kunststof", "plastic"), v("rvs", "stainless steel", 2.2)])] },
        { nl: "Afvalscheidingsbak", en: "Recycling bin", price: [4995, 12995], dims: [dim("compartments", [v("2 compartimenten", "2 compartments", 1, "2"), v("3 compartimenten", "3 compartments", 1.4, "3")]), dim("volume", litres(60, 90))] },
        { nl: "Papierbak", en: "Wastebasket", price: [495, 1495], dims: [dim("volume", litres(15, 30)), dim("colour", [v("zwart", "black"), v("grijs", "gray"), v("blauw", "blue")])] },
      ],
    },
    {
      code: "CLN-DSP", slug: "dispensers", nameNl: "Dispensers", nameEn: "Dispensers",
      unspsc: "47131701", units: ["EA"], vat: 2100, price: [1495, 7995],
      blurb: { nl: "Afsluitbaar en eenvoudig bij te vullen.", en: "Lockable and easy to refill." },
      families: [
        { nl: "Zeepdispenser", en: "Soap dispenser", price: [1995, 3995], dims: [dim("operation", [v("handbediend", "manual"), v("sensor", "touch-free", 2.5)]), dim("colour", [v("wit", "white"), v("zwart", "black"), v("rvs", "stainless steel", 1.8)])] },
        { nl: "Handdoekdispenser", en: "Towel dispenser", price: [2495, 5995], dims: [dim("fold", [v("voor Z- en C-vouw", "for Z and C-fold"), v("voor rollen", "for rolls", 1.5)]), dim("colour", [v("wit", "white"), v("zwart", "black")])] },
        { nl: "Toiletroldispenser", en: "Toilet paper dispenser", price: [1995, 4995], dims: [dim("capacity", [v("2 rollen", "2 rolls"), v("jumbo rol", "jumbo roll", 1.3)]), dim("colour", [v("wit", "white"), v("zwart", "black")])] },
      ],
    },
    {
      code: "CLN-AIR", slug: "geurbeheer", nameNl: "Geurbeheer", nameEn: "Odor control",
      unspsc: "47131819", units: ["EA", "PK"], vat: 2100, price: [299, 2495],
      blurb: { nl: "Zorgt voor een frisse ruimte zonder overheersende geur.", en: "Keeps rooms fresh without an overpowering scent." },
      families: [
        { nl: "Luchtverfrisser navulling", en: "Air freshener refill", price: [1995, 3995], pack: pieces(6, 12), unit: "PK", dims: [dim("scent", [v("citrus"), v("lavendel", "lavender"), v("katoen", "cotton"), v("mint")])] },
        { nl: "Urinoirrooster", en: "Urinal screen", price: [995, 1995], unit: "PK", pack: pieces(10), dims: [dim("scent", [v("citrus"), v("mint"), v("meloen", "melon")])] },
        { nl: "Geurverspreider", en: "Fragrance dispenser", price: [1495, 3495], dims: [dim("operation", [v("op batterijen", "battery-powered"), v("passief", "passive", 0.5)])] },
      ],
    },
    {
      code: "CLN-CAT", slug: "catering-disposables", nameNl: "Catering disposables", nameEn: "Catering disposables",
      unspsc: "52151504", units: ["PK", "CT"], vat: 2100, price: [299, 3995],
      blurb: { nl: "Voor de koffieautomaat, lunch en recepties.", en: "For the coffee machine, lunches and receptions." },
      families: [
        { nl: "Drinkbekers", en: "Drinking cups", price: [2495, 4995], unit: "CT", pack: pieces(1000, 3000), dims: [dim("volume", [v("180 ml"), v("250 ml", "250 ml", 1.3)]), dim("material", [v("karton", "paperboard"), v("karton met PLA-coating", "PLA-lined paperboard", 1.3)])] },
        { nl: "Roerstaafjes", en: "Stirrers", price: [299, 695], pack: pieces(1000), dims: [dim("material", [v("hout", "wood"), v("bamboe", "bamboo", 1.4)]), dim("length", same("11 cm", "14 cm"))] },
        { nl: "Servetten", en: "Napkins", price: [495, 1295], pack: pieces(250, 500), dims: [dim("size", [v("33 x 33 cm"), v("40 x 40 cm", "40 x 40 cm", 1.4)]), dim("colour", [v("wit", "white"), v("zwart", "black"), v("bordeauxrood", "burgundy")])] },
        { nl: "Bestekset", en: "Cutlery set", price: [995, 2495], pack: pieces(100, 500), dims: [dim("material", [v("hout", "wood"), v("bamboe", "bamboo", 1.3)])] },
      ],
    },
    {
      code: "CLN-PKG", slug: "verpakkingsmateriaal", nameNl: "Verpakkingsmateriaal", nameEn: "Packaging",
      unspsc: "24112402", units: ["PK", "RO", "EA"], vat: 2100, price: [249, 3995],
      blurb: { nl: "Voor het veilig verzenden en opslaan van goederen.", en: "For shipping and storing goods safely." },
      families: [
        { nl: "Verzenddoos", en: "Shipping box", price: [1295, 2995], pack: pieces(20, 25), dims: [dim("size", [v("305 x 215 x 110 mm"), v("430 x 300 x 200 mm", "430 x 300 x 200 mm", 1.6), v("600 x 400 x 400 mm", "600 x 400 x 400 mm", 2.6)]), dim("wall", [v("enkele golf", "single wall"), v("dubbele golf", "double wall", 1.5)])] },
        { nl: "Verpakkingstape", en: "Packing tape", price: [695, 1495], pack: pack([6, 36], "rollen", "rolls"), dims: [dim("size", [v("50 mm x 66 m")]), dim("colour", [v("bruin", "brown"), v("transparant", "clear"), v("met tekst FRAGILE", "printed FRAGILE", 1.4)])] },
        { nl: "Stretchfolie", en: "Stretch film", price: [1495, 2995], unit: "RO", dims: [dim("width", [v("500 mm")]), dim("thickness", [v("17 µm"), v("23 µm", "23 µm", 1.3)]), dim("length", [v("270 m"), v("300 m", "300 m", 1.1)])] },
        { nl: "Noppenfolie", en: "Bubble wrap", price: [995, 2495], unit: "RO", dims: [dim("width", [v("50 cm"), v("100 cm", "100 cm", 1.9)]), dim("length", [v("50 m"), v("100 m", "100 m", 1.9)])] },
      ],
    },
    {
      code: "CLN-MAT", slug: "schoonloopmatten", nameNl: "Schoonloopmatten", nameEn: "Entrance mats",
      unspsc: "52101507", units: ["EA"], vat: 2100, price: [2495, 14995],
      blurb: { nl: "Vangt vuil en vocht bij de ingang en beperkt het schoonmaakwerk.", en: "Traps dirt and moisture at the entrance and cuts cleaning time." },
      families: [
        { nl: "Schoonloopmat", en: "Entrance mat", price: [2995, 6995], dims: [dim("size", [v("60 x 90 cm"), v("90 x 150 cm", "90 x 150 cm", 1.8), v("120 x 180 cm", "120 x 180 cm", 2.6)]), dim("colour", [v("grijs", "gray"), v("antraciet", "anthracite"), v("bruin", "brown")])] },
        { nl: "Antivermoeidheidsmat", en: "Anti-fatigue mat", price: [3995, 8995], dims: [dim("size", [v("60 x 90 cm"), v("90 x 150 cm", "90 x 150 cm", 1.9)]), dim("material", [v("PVC"), v("rubber", "rubber", 1.5)])] },
      ],
    },
    {
      code: "CLN-WIN", slug: "winterdienst", nameNl: "Winterdienst", nameEn: "Winter maintenance",
      unspsc: "12352305", units: ["PK", "EA"], vat: 2100, price: [695, 5995],
      blurb: { nl: "Houdt paden, parkeerplaatsen en entrees begaanbaar bij gladheid.", en: "Keeps paths, parking lots and entrances safe in icy weather." },
      families: [
        { nl: "Strooizout", en: "De-icing salt", price: [695, 1295], pack: pack([10, 25], "kg", "kg"), dims: [dim("type", [v("fijn", "fine"), v("grof", "coarse"), v("milieuvriendelijk", "eco-friendly", 1.6)])] },
        { nl: "Sneeuwschuiver", en: "Snow pusher", price: [1995, 4995], unit: "EA", dims: [dim("width", [v("50 cm"), v("75 cm", "75 cm", 1.4)]), dim("blade", [v("kunststof", "plastic"), v("aluminium", "aluminum", 1.5)])] },
        { nl: "Strooiwagen", en: "Salt spreader", price: [7995, 19995], unit: "EA", dims: [dim("capacity", [v("25 kg"), v("50 kg", "50 kg", 1.6)])] },
      ],
    },
  ],
};

const TOOLS: ParentCategorySpec = {
  code: "MRO",
  slug: "gereedschap-onderhoud",
  nameNl: "Gereedschap & onderhoud",
  nameEn: "Tools & MRO",
  sentences: [
    { nl: "Voor de technische dienst, werkplaats en bouwplaats.", en: "For maintenance teams, workshops and building sites." },
    { nl: "Voldoet aan de geldende Europese normen.", en: "Complies with the applicable European standards." },
    { nl: "Gemaakt voor professioneel en langdurig gebruik.", en: "Made for professional, long-term use." },
    { nl: "Vervangingsonderdelen blijven jarenlang leverbaar.", en: "Spare parts remain available for years." },
  ],
  children: [
    {
      code: "MRO-FAS", slug: "bevestigingsmiddelen", nameNl: "Bevestigingsmiddelen", nameEn: "Fasteners",
      unspsc: "31161500", units: ["BX", "PK"], vat: 2100, price: [295, 2995],
      blurb: { nl: "Sterke bevestiging in hout, metaal en steen.", en: "Strong fixing in wood, metal and masonry." },
      families: [
        { nl: "Spaanplaatschroeven", en: "Particleboard screws", price: [495, 1295], pack: pieces(200, 500), dims: [dim("size", [v("3,5 x 30 mm", "3.5 x 30 mm"), v("4 x 40 mm"), v("5 x 60 mm", "5 x 60 mm", 1.5)]), dim("finish", [v("verzinkt", "zinc plated"), v("rvs", "stainless steel", 2.2)])] },
        { nl: "Nylon pluggen", en: "Nylon wall anchors", price: [295, 795], pack: pieces(100, 250), dims: [dim("size", same("6 mm", "8 mm", "10 mm")), dim("type", [v("universeel", "universal"), v("voor hol materiaal", "for hollow walls", 1.4)])] },
        { nl: "Zeskantbouten", en: "Hex bolts", price: [595, 1495], pack: pieces(50, 100), dims: [dim("size", [v("M6 x 40"), v("M8 x 50", "M8 x 50", 1.4), v("M10 x 60", "M10 x 60", 2)]), dim("class", [v("8.8 verzinkt", "8.8 zinc plated"), v("A2 rvs", "A2 stainless", 2.4)])] },
        { nl: "Sluitringen", en: "Flat washers", price: [249, 695], pack: pieces(100, 500), dims: [dim("size", same("M6", "M8", "M10")), dim("finish", [v("verzinkt", "zinc plated"), v("rvs", "stainless steel", 2)])] },
      ],
    },
    {
      code: "MRO-HND", slug: "handgereedschap", nameNl: "Handgereedschap", nameEn: "Hand tools",
      unspsc: "27111700", units: ["EA", "SET"], vat: 2100, price: [595, 4995],
      blurb: { nl: "Ergonomische greep voor minder vermoeidheid.", en: "Ergonomic grip for less fatigue." },
      families: [
        { nl: "Schroevendraaier", en: "Screwdriver", price: [395, 1295], dims: [dim("tip", [v("sleuf", "slotted"), v("kruiskop PH2", "Phillips PH2"), v("Pozidriv PZ2"), v("Torx T25")]), dim("length", same("100 mm", "150 mm")), dim("insulation", [v("geïsoleerd 1000 V", "insulated 1000 V", 1.6), v("standaard", "standard")])] },
        { nl: "Steeksleutelset", en: "Open-end wrench set", price: [1995, 4995], unit: "SET", dims: [dim("pieces", [v("6-delig", "6 pieces", 1, "6"), v("12-delig", "12 pieces", 1.8, "12")]), dim("finish", [v("verchroomd", "chrome plated")])] },
        { nl: "Waterpomptang", en: "Water pump pliers", price: [1495, 3495], dims: [dim("length", [v("180 mm"), v("250 mm", "250 mm", 1.3), v("300 mm", "300 mm", 1.5)])] },
        { nl: "Klauwhamer", en: "Claw hammer", price: [1295, 2995], dims: [dim("weight", [v("450 g"), v("570 g", "570 g", 1.2)]), dim("handle", [v("glasvezel", "fiberglass"), v("hout", "wood", 0.9)])] },
      ],
    },
    {
      code: "MRO-PWR", slug: "elektrisch-gereedschap", nameNl: "Elektrisch gereedschap", nameEn: "Power tools",
      unspsc: "27112700", units: ["EA"], vat: 2100, price: [7995, 24995],
      blurb: { nl: "Krachtig, licht en met lange accuduur.", en: "Powerful, light and with long battery life." },
      families: [
        { nl: "Accuboormachine", en: "Cordless drill driver", price: [9995, 19995], dims: [dim("voltage", [v("12 V"), v("18 V", "18 V", 1.4)]), dim("battery", [v("2 x 2,0 Ah", "2 x 2.0 Ah"), v("2 x 4,0 Ah", "2 x 4.0 Ah", 1.3), v("zonder accu", "bare tool", 0.55)])] },
        { nl: "Slagschroevendraaier", en: "Impact driver", price: [12995, 22995], dims: [dim("voltage", [v("18 V")]), dim("battery", [v("2 x 2,0 Ah", "2 x 2.0 Ah"), v("zonder accu", "bare tool", 0.55)])] },
        { nl: "Haakse slijper", en: "Angle grinder", price: [5995, 14995], dims: [dim("disc", [v("125 mm"), v("230 mm", "230 mm", 1.5)]), dim("power", [v("snoer", "corded"), v("accu 18 V", "cordless 18 V", 1.4, "18 V")])] },
        { nl: "Decoupeerzaag", en: "Jigsaw", price: [7995, 17995], dims: [dim("power", [v("snoer", "corded"), v("accu 18 V", "cordless 18 V", 1.3, "18 V")])] },
      ],
    },
    {
      code: "MRO-BIT", slug: "boren-bits", nameNl: "Boren & bits", nameEn: "Drill and driver bits",
      unspsc: "27112802", units: ["PK", "SET"], vat: 2100, price: [295, 4995],
      blurb: { nl: "Nauwkeurig geslepen voor schone gaten.", en: "Precision-ground for clean holes." },
      families: [
        { nl: "Metaalboren HSS", en: "HSS metal drill bits", price: [395, 1295], pack: pieces(5, 10), dims: [dim("diameter", same("3 mm", "5 mm", "6 mm", "8 mm", "10 mm")), dim("coating", [v("geslepen", "ground"), v("kobalt", "cobalt", 1.8)])] },
        { nl: "Steenboren", en: "Masonry drill bits", price: [495, 1495], pack: pieces(5), dims: [dim("diameter", same("6 mm", "8 mm", "10 mm", "12 mm")), dim("shank", [v("cilindrisch", "straight shank"), v("SDS-plus", "SDS-plus", 1.3)])] },
        { nl: "Bitset", en: "Bit set", price: [1495, 3995], unit: "SET", dims: [dim("pieces", [v("32-delig", "32 pieces", 1, "32"), v("60-delig", "60 pieces", 1.6, "60")]), dim("case", [v("in cassette", "in case")])] },
      ],
    },
    {
      code: "MRO-ABR", slug: "schuur-slijpmiddelen", nameNl: "Schuur- & slijpmiddelen", nameEn: "Abrasives",
      unspsc: "31191505", units: ["PK", "BX"], vat: 2100, price: [395, 3995],
      blurb: { nl: "Lange standtijd en constant schuurresultaat.", en: "Long service life and consistent sanding results." },
      families: [
        { nl: "Schuurpapier", en: "Sandpaper", price: [295, 695], pack: pack([10, 50], "vel", "sheets"), dims: [dim("grit", [v("korrel 80", "P80", 1, "P80"), v("korrel 120", "P120", 1, "P120"), v("korrel 180", "P180", 1, "P180"), v("korrel 240", "P240", 1, "P240")]), dim("size", [v("230 x 280 mm"), v("115 x 280 mm", "115 x 280 mm", 0.6)])] },
        { nl: "Schuurschijven", en: "Sanding discs", price: [1495, 2995], pack: pieces(50), dims: [dim("diameter", same("125 mm", "150 mm")), dim("grit", [v("korrel 80", "P80", 1, "P80"), v("korrel 120", "P120", 1, "P120"), v("korrel 240", "P240", 1, "P240")])] },
        { nl: "Doorslijpschijven", en: "Cutting discs", price: [695, 1995], unit: "BX", pack: pieces(10, 25), dims: [dim("diameter", [v("125 mm"), v("230 mm", "230 mm", 2)]), dim("material", [v("voor metaal", "for metal"), v("voor rvs", "for stainless steel", 1.3), v("voor steen", "for stone")])] },
      ],
    },
    {
      code: "MRO-MEA", slug: "meetgereedschap", nameNl: "Meetgereedschap", nameEn: "Measuring tools",
      unspsc: "27111801", units: ["EA"], vat: 2100, price: [695, 12995],
      blurb: { nl: "Nauwkeurig meten op de werkplaats en de bouwplaats.", en: "Accurate measuring in the workshop and on site." },
      families: [
        { nl: "Rolmaat", en: "Tape measure", price: [695, 1995], dims: [dim("length", [v("3 m"), v("5 m", "5 m", 1.2), v("8 m", "8 m", 1.5)]), dim("blade", [v("19 mm"), v("25 mm", "25 mm", 1.2)])] },
        { nl: "Waterpas", en: "Spirit level", price: [1495, 4995], dims: [dim("length", [v("40 cm"), v("60 cm", "60 cm", 1.2), v("100 cm", "100 cm", 1.5)]), dim("type", [v("standaard", "standard"), v("magnetisch", "magnetic", 1.3)])] },
        { nl: "Laserafstandsmeter", en: "Laser distance meter", price: [4995, 12995], dims: [dim("range", [v("40 m"), v("80 m", "80 m", 1.6)])] },
        { nl: "Digitale schuifmaat", en: "Digital caliper", price: [2495, 6995], dims: [dim("range", [v("150 mm"), v("200 mm", "200 mm", 1.3)])] },
      ],
    },
    {
      code: "MRO-ADH", slug: "lijmen-kitten", nameNl: "Lijmen & kitten", nameEn: "Adhesives & sealants",
      unspsc: "31201610", units: ["EA", "BX"], vat: 2100, price: [349, 1995],
      blurb: { nl: "Hecht op vrijwel alle bouwmaterialen.", en: "Bonds to almost all building materials." },
      families: [
        { nl: "Montagekit", en: "Construction adhesive", price: [495, 1095], dims: [dim("size", [v("koker 290 ml", "290 ml cartridge", 1, "290 ml")]), dim("colour", [v("wit", "white"), v("transparant", "clear", 1.2)])] },
        { nl: "Siliconenkit", en: "Silicone sealant", price: [549, 1095], dims: [dim("size", [v("koker 310 ml", "310 ml cartridge", 1, "310 ml")]), dim("type", [v("sanitair", "sanitary"), v("neutraal", "neutral"), v("glas", "glazing")]), dim("colour", [v("wit", "white"), v("transparant", "clear"), v("grijs", "gray")])] },
        { nl: "Secondelijm", en: "Super glue", price: [299, 699], dims: [dim("type", [v("vloeibaar", "liquid"), v("gel")]), dim("size", same("3 g", "20 g"))] },
        { nl: "Houtlijm", en: "Wood glue", price: [495, 995], dims: [dim("size", [v("250 g"), v("750 g", "750 g", 2.2)]), dim("class", [v("D2"), v("D3 watervast", "D3 water-resistant", 1.3, "D3")])] },
      ],
    },
    {
      code: "MRO-TAP", slug: "tapes", nameNl: "Technische tapes", nameEn: "Technical tapes",
      unspsc: "31201500", units: ["RO", "PK"], vat: 2100, price: [249, 1495],
      blurb: { nl: "Plakt direct en laat zich met de hand afscheuren.", en: "Sticks instantly and tears by hand." },
      families: [
        { nl: "Ducttape", en: "Duct tape", price: [495, 995], dims: [dim("size", [v("50 mm x 25 m"), v("50 mm x 50 m", "50 mm x 50 m", 1.8)]), dim("colour", [v("zilver", "silver"), v("zwart", "black")])] },
        { nl: "Afplaktape", en: "Masking tape", price: [199, 495], dims: [dim("width", [v("19 mm"), v("25 mm", "25 mm", 1.2), v("38 mm", "38 mm", 1.6), v("50 mm", "50 mm", 2)]), dim("use", [v("binnen", "indoor"), v("buiten UV-bestendig", "outdoor UV-resistant", 1.6)])] },
        { nl: "Isolatietape", en: "Electrical tape", price: [495, 995], unit: "PK", pack: pack([10], "rollen", "rolls"), dims: [dim("size", [v("19 mm x 20 m")]), dim("colour", [v("zwart", "black"), v("assorti", "assorted"), v("geel-groen", "yellow-green")])] },
      ],
    },
    {
      code: "MRO-LUB", slug: "smeermiddelen", nameNl: "Smeermiddelen", nameEn: "Lubricants",
      unspsc: "15121501", units: ["EA"], vat: 2100, price: [495, 2495],
      blurb: { nl: "Smeert, beschermt en verdringt vocht.", en: "Lubricates, protects and displaces moisture." },
      families: [
        { nl: "Multispray", en: "Multi-purpose spray", price: [595, 1295], dims: [dim("volume", millilitres(400, 500))] },
        { nl: "Siliconenspray", en: "Silicone spray", price: [695, 1295], dims: [dim("volume", millilitres(400))] },
        { nl: "Kettingspray", en: "Chain spray", price: [795, 1495], dims: [dim("volume", millilitres(400))] },
        { nl: "Lagervet", en: "Bearing grease", price: [695, 1495], dims: [dim("size", [v("patroon 400 g", "400 g cartridge", 1, "400 g"), v("pot 1 kg", "1 kg tub", 2.2, "1 kg")]), dim("class", same("NLGI 2", "NLGI 3"))] },
      ],
    },
    {
      code: "MRO-ELE", slug: "elektra-verlichting", nameNl: "Elektra & verlichting", nameEn: "Electrical & lighting",
      unspsc: "39101612", units: ["EA", "PK"], vat: 2100, price: [295, 2995],
      blurb: { nl: "Energiezuinig en lang meegaand.", en: "Energy-efficient and long-lasting." },
      families: [
        { nl: "LED-lamp", en: "LED bulb", price: [349, 895], dims: [dim("fitting", same("E27", "E14", "GU10")), dim("power", [v("5 W"), v("8 W", "8 W", 1.2)]), dim("colour", [v("warmwit 2700 K", "warm white 2700 K", 1, "2700 K"), v("neutraalwit 4000 K", "neutral white 4000 K", 1, "4000 K")])] },
        { nl: "LED-buis T8", en: "LED tube T8", price: [695, 1495], dims: [dim("length", [v("60 cm"), v("120 cm", "120 cm", 1.4), v("150 cm", "150 cm", 1.6)]), dim("colour", [v("neutraalwit 4000 K", "neutral white 4000 K", 1, "4000 K"), v("daglicht 6500 K", "daylight 6500 K", 1, "6500 K")])] },
        { nl: "Kabelbinders", en: "Cable ties", price: [249, 895], unit: "PK", pack: pieces(100), dims: [dim("size", [v("2,5 x 100 mm", "2.5 x 100 mm"), v("4,8 x 200 mm", "4.8 x 200 mm", 1.6), v("7,6 x 300 mm", "7.6 x 300 mm", 2.5)]), dim("colour", [v("zwart", "black"), v("naturel", "natural")])] },
        { nl: "LED-bouwlamp", en: "LED work light", price: [2495, 7995], dims: [dim("output", [v("1000 lumen", "1000 lumens"), v("3000 lumen", "3000 lumens", 1.6)]), dim("power", [v("snoer", "corded"), v("accu", "rechargeable", 1.3)])] },
      ],
    },
    {
      code: "MRO-BAT", slug: "batterijen", nameNl: "Batterijen", nameEn: "Batteries",
      unspsc: "26111701", units: ["PK", "EA"], vat: 2100, price: [249, 2495],
      blurb: { nl: "Betrouwbare energie voor apparatuur op de werkvloer.", en: "Reliable power for equipment on the shop floor." },
      families: [
        { nl: "Alkaline batterijen", en: "Alkaline batteries", price: [299, 695], pack: pieces(4, 12, 24), dims: [dim("size", [v("AA"), v("AAA"), v("C", "C", 1.8), v("D", "D", 2.2), v("9V", "9V", 2.5)])] },
        { nl: "Knoopcelbatterijen", en: "Coin cell batteries", price: [399, 895], pack: pieces(5, 10), dims: [dim("type", same("CR2032", "CR2025", "CR2016"))] },
        { nl: "Oplaadbare batterijen", en: "Rechargeable batteries", price: [1095, 1995], pack: pieces(4), dims: [dim("size", [v("AA"), v("AAA", "AAA", 0.9)]), dim("capacity", [v("standaard", "standard"), v("hoge capaciteit", "high capacity", 1.3)])] },
      ],
    },
    {
      code: "MRO-PLB", slug: "sanitair-installatie", nameNl: "Sanitair & installatie", nameEn: "Plumbing",
      unspsc: "40141700", units: ["EA", "PK", "RO"], vat: 2100, price: [199, 3995],
      blurb: { nl: "Voor snelle reparaties aan water- en afvoerleidingen.", en: "For quick repairs to water supply and drain pipes." },
      families: [
        { nl: "Knelkoppeling", en: "Compression fitting", price: [295, 895], dims: [dim("diameter", [v("15 mm"), v("22 mm", "22 mm", 1.5)]), dim("shape", [v("recht", "straight"), v("knie", "elbow"), v("T-stuk", "tee", 1.3)]), dim("material", [v("messing", "brass"), v("vernikkeld", "nickel plated", 1.2)])] },
        { nl: "Kogelkraan", en: "Ball valve", price: [795, 1995], dims: [dim("size", [v('1/2"'), v('3/4"', '3/4"', 1.4), v('1"', '1"', 2)]), dim("handle", [v("hendel", "lever"), v("vlinder", "butterfly")])] },
        { nl: "PTFE-tape", en: "PTFE thread tape", price: [495, 995], unit: "PK", pack: pack([10], "rollen", "rolls"), dims: [dim("size", same("12 mm x 12 m", "19 mm x 15 m"))] },
        { nl: "Afvoerontstopper", en: "Drain opener", price: [595, 1195], dims: [dim("volume", litres(1)), dim("type", [v("gel"), v("korrels", "granules")])] },
      ],
    },
    {
      code: "MRO-STO", slug: "opslag-magazijn", nameNl: "Opslag & magazijn", nameEn: "Storage & warehouse",
      unspsc: "24112401", units: ["EA"], vat: 2100, price: [395, 24995],
      blurb: { nl: "Overzichtelijke opslag in werkplaats en magazijn.", en: "Organized storage in workshop and warehouse." },
      families: [
        { nl: "Magazijnbak", en: "Storage bin", price: [395, 1495], dims: [dim("size", [v("maat 2", "size 2", 1, "2"), v("maat 3", "size 3", 1.4, "3"), v("maat 4", "size 4", 2, "4")]), dim("colour", [v("blauw", "blue"), v("rood", "red"), v("geel", "yellow"), v("grijs", "gray")])] },
        { nl: "Legbordstelling", en: "Shelving unit", price: [7995, 24995], dims: [dim("size", [v("200 x 100 x 40 cm"), v("200 x 120 x 50 cm", "200 x 120 x 50 cm", 1.3)]), dim("shelves", [v("4 legborden", "4 shelves", 1, "4"), v("5 legborden", "5 shelves", 1.15, "5")])] },
        { nl: "Gereedschapskist", en: "Toolbox", price: [1995, 7995], dims: [dim("material", [v("kunststof", "plastic"), v("metaal", "metal", 1.5)]), dim("length", same("40 cm", "60 cm"))] },
      ],
    },
    {
      code: "MRO-LAD", slug: "ladders-trappen", nameNl: "Ladders & trappen", nameEn: "Ladders & steps",
      unspsc: "30191501", units: ["EA"], vat: 2100, price: [2995, 14995],
      blurb: { nl: "Gekeurd volgens EN 131, met antislip treden.", en: "Tested to EN 131, with anti-slip treads." },
      families: [
        { nl: "Huishoudtrap", en: "Stepladder", price: [3995, 8995], dims: [dim("steps", [v("3 treden", "3 steps", 1, "3"), v("4 treden", "4 steps", 1.2, "4"), v("5 treden", "5 steps", 1.4, "5")]), dim("material", [v("aluminium", "aluminum"), v("glasvezel", "fiberglass", 1.8)])] },
        { nl: "Reformladder", en: "Combination ladder", price: [9995, 24995], dims: [dim("rungs", [v("3 x 7 sporten", "3 x 7 rungs", 1, "3x7"), v("3 x 9 sporten", "3 x 9 rungs", 1.3, "3x9")])] },
        { nl: "Opstapkruk", en: "Step stool", price: [2495, 5995], dims: [dim("type", [v("rolkruk", "kick stool"), v("2 treden", "2 steps")]), dim("colour", [v("grijs", "gray"), v("zwart", "black"), v("blauw", "blue")])] },
      ],
    },
    {
      code: "MRO-TRN", slug: "transportmiddelen", nameNl: "Transportmiddelen", nameEn: "Material handling",
      unspsc: "24101602", units: ["EA"], vat: 2100, price: [5995, 49995],
      blurb: { nl: "Verplaatst zware lasten veilig en zonder rugbelasting.", en: "Moves heavy loads safely and without back strain." },
      families: [
        { nl: "Steekwagen", en: "Hand truck", price: [5995, 14995], dims: [dim("capacity", [v("150 kg"), v("250 kg", "250 kg", 1.3)]), dim("wheels", [v("luchtbanden", "pneumatic tires"), v("massieve banden", "solid tires", 1.1)])] },
        { nl: "Platformwagen", en: "Platform cart", price: [7995, 19995], dims: [dim("size", [v("90 x 60 cm"), v("120 x 80 cm", "120 x 80 cm", 1.4)]), dim("capacity", [v("300 kg"), v("500 kg", "500 kg", 1.3)])] },
        { nl: "Palletwagen", en: "Pallet jack", price: [24995, 49995], dims: [dim("capacity", [v("2000 kg"), v("2500 kg", "2500 kg", 1.15)]), dim("forks", [v("1150 mm"), v("800 mm")])] },
      ],
    },
    {
      code: "MRO-FLT", slug: "luchtfilters", nameNl: "Luchtfilters", nameEn: "Air filters",
      unspsc: "40161504", units: ["EA", "BX"], vat: 2100, price: [995, 6995],
      blurb: { nl: "Voor luchtbehandelingskasten en ventilatie-units.", en: "For air handling units and ventilation systems." },
      families: [
        { nl: "Zakkenfilter", en: "Bag filter", price: [2495, 4995], dims: [dim("class", [v("ePM10 60%"), v("ePM1 55%", "ePM1 55%", 1.4)]), dim("size", [v("592 x 592 mm"), v("287 x 592 mm", "287 x 592 mm", 0.7)]), dim("pockets", [v("6 zakken", "6 pockets", 1, "6"), v("8 zakken", "8 pockets", 1.2, "8")])] },
        { nl: "Paneelfilter", en: "Panel filter", price: [3995, 7995], unit: "BX", pack: pieces(10), dims: [dim("class", [v("G4"), v("ePM10 50%", "ePM10 50%", 1.3)]), dim("size", same("592 x 592 x 48 mm", "287 x 592 x 48 mm"))] },
      ],
    },
  ],
};

const LAB: ParentCategorySpec = {
  code: "LAB",
  slug: "laboratorium-veiligheid",
  nameNl: "Laboratorium & veiligheid",
  nameEn: "Lab & safety",
  sentences: [
    { nl: "Gecertificeerd volgens de relevante EN-normen.", en: "Certified to the relevant EN standards." },
    { nl: "Veilig werken begint bij de juiste uitrusting.", en: "Safe work starts with the right equipment." },
    { nl: "Conformiteitsverklaring en productdatablad beschikbaar.", en: "Declaration of conformity and product data sheet available." },
    { nl: "Lotnummer en houdbaarheid staan op elke verpakking.", en: "Batch number and expiry date are printed on every pack." },
  ],
  children: [
    {
      code: "LAB-GLV", slug: "wegwerphandschoenen", nameNl: "Wegwerphandschoenen", nameEn: "Disposable gloves",
      unspsc: "42132203", units: ["BX"], vat: 2100, price: [495, 1295],
      blurb: { nl: "Poedervrij en met een goed gevoel in de vingertoppen.", en: "Powder-free with good fingertip sensitivity." },
      families: [
        { nl: "Nitril handschoenen", en: "Nitrile gloves", pack: pieces(100, 200), dims: [dim("size", GLOVE_SIZES), dim("colour", [v("blauw", "blue"), v("zwart", "black"), v("wit", "white")])] },
        { nl: "Vinyl handschoenen", en: "Vinyl gloves", pack: pieces(100), dims: [dim("size", GLOVE_SIZES), dim("colour", [v("transparant", "clear")])] },
        { nl: "Latex handschoenen", en: "Latex gloves", pack: pieces(100), dims: [dim("size", GLOVE_SIZES), dim("grade", [v("onderzoekshandschoen", "examination grade"), v("steriel", "sterile", 2.5)])] },
      ],
    },
    {
      code: "LAB-WGL", slug: "werkhandschoenen", nameNl: "Werkhandschoenen", nameEn: "Work gloves",
      unspsc: "46181504", units: ["PR", "PK"], vat: 2100, price: [295, 1995],
      blurb: { nl: "Goede grip en bescherming volgens EN 388.", en: "Good grip and protection to EN 388." },
      families: [
        { nl: "Montagehandschoenen", en: "Assembly gloves", price: [249, 595], dims: [dim("size", WORK_GLOVE_SIZES), dim("coating", [v("PU-coating", "PU coated", 1, "PU"), v("nitrilcoating", "nitrile coated", 1.2, "nitril", "nitrile")])] },
        { nl: "Snijbestendige handschoenen", en: "Cut-resistant gloves", price: [595, 1495], dims: [dim("size", WORK_GLOVE_SIZES), dim("level", [v("niveau B", "level B", 1, "B"), v("niveau D", "level D", 1.6, "D"), v("niveau F", "level F", 2.2, "F")])] },
        { nl: "Winterwerkhandschoenen", en: "Winter work gloves", price: [495, 1195], dims: [dim("size", WORK_GLOVE_SIZES), dim("lining", [v("gevoerd", "lined"), v("thermisch gevoerd", "thermal lined", 1.3)])] },
        { nl: "Chemicaliënbestendige handschoenen", en: "Chemical-resistant gloves", price: [395, 1295], dims: [dim("size", WORK_GLOVE_SIZES), dim("material", [v("nitril", "nitrile"), v("neopreen", "neoprene", 1.5), v("butyl", "butyl", 2.5)])] },
      ],
    },
    {
      code: "LAB-EYE", slug: "oogbescherming", nameNl: "Oogbescherming", nameEn: "Eye protection",
      unspsc: "46181804", units: ["EA"], vat: 2100, price: [395, 2995],
      blurb: { nl: "Beschermt tegen spatten en rondvliegende deeltjes.", en: "Protects against splashes and flying particles." },
      families: [
        { nl: "Veiligheidsbril", en: "Safety glasses", price: [395, 1295], dims: [dim("lens", [v("helder", "clear"), v("getint", "tinted"), v("anti-condens", "anti-fog", 1.3)]), dim("frame", [v("sportief", "wraparound"), v("klassiek", "classic")])] },
        { nl: "Ruimzichtbril", en: "Safety goggles", price: [695, 1995], dims: [dim("ventilation", [v("indirect geventileerd", "indirect vent"), v("gesloten", "sealed", 1.2)])] },
        { nl: "Overzetbril", en: "Overspectacles", price: [495, 1295], dims: [dim("lens", [v("helder", "clear"), v("anti-kras", "anti-scratch", 1.2)])] },
        { nl: "Gelaatsscherm", en: "Face shield", price: [1295, 2995], dims: [dim("visor", [v("polycarbonaat", "polycarbonate"), v("acetaat", "acetate", 1.3)])] },
      ],
    },
    {
      code: "LAB-RES", slug: "adembescherming", nameNl: "Adembescherming", nameEn: "Respiratory protection",
      unspsc: "46182001", units: ["BX", "EA", "PR"], vat: 2100, price: [995, 4995],
      blurb: { nl: "Beschermt tegen stof, nevel en dampen.", en: "Protects against dust, mist and vapors." },
      families: [
        { nl: "Stofmaskers", en: "Dust masks", price: [995, 2495], pack: pieces(10, 20), dims: [dim("class", [v("FFP1"), v("FFP2", "FFP2", 1.4), v("FFP3", "FFP3", 2.2)]), dim("valve", [v("met ventiel", "with valve", 1.2), v("zonder ventiel", "without valve")])] },
        { nl: "Halfgelaatsmasker", en: "Half mask", price: [1995, 3995], unit: "EA", dims: [dim("size", [v("maat S", "size S", 1, "S"), v("maat M", "size M", 1, "M"), v("maat L", "size L", 1, "L")])] },
        { nl: "Combinatiefilters", en: "Combination filters", price: [1495, 2995], unit: "PR", dims: [dim("class", [v("A2P3"), v("ABEK1P3", "ABEK1P3", 1.5)])] },
      ],
    },
    {
      code: "LAB-HRG", slug: "gehoorbescherming", nameNl: "Gehoorbescherming", nameEn: "Hearing protection",
      unspsc: "46181902", units: ["BX", "EA"], vat: 2100, price: [1295, 3995],
      blurb: { nl: "Comfortabel, ook bij langdurig dragen.", en: "Comfortable, even when worn for long periods." },
      families: [
        { nl: "Oordoppen", en: "Earplugs", price: [2495, 4995], pack: pack([200], "paar", "pairs"), dims: [dim("attenuation", [v("SNR 33 dB"), v("SNR 37 dB", "SNR 37 dB", 1.1)]), dim("cord", [v("zonder koord", "uncorded"), v("met koord", "corded", 2.5)])] },
        { nl: "Oorkap", en: "Earmuffs", price: [1495, 3995], unit: "EA", dims: [dim("attenuation", [v("SNR 28 dB"), v("SNR 32 dB", "SNR 32 dB", 1.3)]), dim("mount", [v("hoofdband", "headband"), v("helmbevestiging", "helmet mounted", 1.2)])] },
      ],
    },
    {
      code: "LAB-HEA", slug: "hoofdbescherming", nameNl: "Hoofdbescherming", nameEn: "Head protection",
      unspsc: "46181701", units: ["EA"], vat: 2100, price: [695, 3995],
      blurb: { nl: "Licht van gewicht en volgens EN 397 of EN 812.", en: "Lightweight and to EN 397 or EN 812." },
      families: [
        { nl: "Veiligheidshelm", en: "Safety helmet", price: [995, 2495], dims: [dim("colour", [v("wit", "white"), v("geel", "yellow"), v("blauw", "blue"), v("rood", "red")]), dim("ventilation", [v("geventileerd", "vented"), v("niet geventileerd", "unvented")]), dim("harness", [v("draaiknop", "ratchet", 1.3), v("schuifband", "slip")])] },
        { nl: "Stootpet", en: "Bump cap", price: [1295, 2495], dims: [dim("colour", [v("zwart", "black"), v("marineblauw", "navy")]), dim("peak", [v("korte klep", "short brim"), v("normale klep", "standard brim")])] },
      ],
    },
    {
      code: "LAB-SHO", slug: "veiligheidsschoenen", nameNl: "Veiligheidsschoenen", nameEn: "Safety footwear",
      unspsc: "46181605", units: ["PR"], vat: 2100, price: [4995, 12995],
      blurb: { nl: "Met stalen of composiet neus en antislip zool.", en: "With steel or composite toecap and anti-slip sole." },
      families: [
        { nl: "Veiligheidsschoen laag", en: "Low safety shoe", dims: [dim("class", [v("S1P"), v("S3", "S3", 1.15)]), dim("size", SHOE_SIZES)] },
        { nl: "Veiligheidsschoen hoog", en: "Safety boot", dims: [dim("class", [v("S3"), v("S3 WR", "S3 WR", 1.2)]), dim("size", SHOE_SIZES)] },
        { nl: "Veiligheidslaars", en: "Safety rubber boot", dims: [dim("class", [v("S5")]), dim("size", SHOE_SIZES)] },
      ],
    },
    {
      code: "LAB-CLO", slug: "beschermende-kleding", nameNl: "Beschermende kleding", nameEn: "Protective clothing",
      unspsc: "46181503", units: ["EA", "PK"], vat: 2100, price: [595, 4995],
      blurb: { nl: "Voor werk in het laboratorium, de cleanroom en de werkplaats.", en: "For work in the laboratory, the cleanroom and the workshop." },
      families: [
        { nl: "Laboratoriumjas", en: "Lab coat", price: [2495, 4995], dims: [dim("size", GARMENT_SIZES), dim("material", [v("katoen", "cotton"), v("polyester-katoen", "polycotton", 0.9)])] },
        { nl: "Wegwerpoverall type 5/6", en: "Disposable coverall type 5/6", price: [495, 1295], dims: [dim("size", GARMENT_SIZES), dim("colour", [v("wit", "white"), v("blauw", "blue")])] },
        { nl: "Schorten", en: "Aprons", price: [295, 795], unit: "PK", pack: pieces(10, 100), dims: [dim("material", [v("PE wegwerp", "disposable PE"), v("PVC", "PVC", 4)])] },
        { nl: "Overschoenen", en: "Shoe covers", price: [695, 1495], unit: "PK", pack: pieces(100), dims: [dim("material", [v("CPE"), v("PP non-woven", "PP non-woven", 1.5)])] },
      ],
    },
    {
      code: "LAB-HVV", slug: "signalisatiekleding", nameNl: "Signalisatiekleding", nameEn: "High-visibility clothing",
      unspsc: "46181526", units: ["EA"], vat: 2100, price: [395, 7995],
      blurb: { nl: "Goed zichtbaar volgens EN ISO 20471.", en: "Highly visible to EN ISO 20471." },
      families: [
        { nl: "Veiligheidsvest", en: "Safety vest", price: [395, 1495], dims: [dim("colour", [v("geel", "yellow"), v("oranje", "orange")]), dim("size", [v("maat M/L", "size M/L", 1, "M/L"), v("maat XL/XXL", "size XL/XXL", 1, "XL/XXL")])] },
        { nl: "Signalisatiejas", en: "Hi-vis jacket", price: [3995, 7995], dims: [dim("colour", [v("geel", "yellow"), v("oranje", "orange")]), dim("size", GARMENT_SIZES)] },
        { nl: "Signalisatie-T-shirt", en: "Hi-vis T-shirt", price: [995, 1995], dims: [dim("colour", [v("geel", "yellow"), v("oranje", "orange")]), dim("size", GARMENT_SIZES)] },
      ],
    },
    {
      code: "LAB-FAI", slug: "ehbo", nameNl: "EHBO", nameEn: "First aid",
      unspsc: "42172001", units: ["EA", "PK", "BX"], vat: 2100, price: [295, 9995],
      blurb: { nl: "Voor de EHBO-post en de bedrijfshulpverlening.", en: "For the first aid station and company emergency response." },
      families: [
        { nl: "Verbandtrommel", en: "First aid kit", price: [2995, 9995], dims: [dim("standard", [v("type B"), v("DIN 13157"), v("DIN 13169", "DIN 13169", 1.4)]), dim("mount", [v("wandmodel", "wall-mounted"), v("draagbaar", "portable")])] },
        { nl: "Pleisters", en: "Adhesive bandages", price: [395, 995], unit: "BX", pack: pieces(100), dims: [dim("type", [v("textiel", "fabric"), v("waterafstotend", "waterproof"), v("blauw detecteerbaar", "blue detectable", 1.5)])] },
        { nl: "Oogspoelfles", en: "Eye wash bottle", price: [495, 1495], dims: [dim("volume", millilitres(200, 500)), dim("solution", [v("natriumchloride 0,9%", "sodium chloride 0.9%"), v("pH-neutraal", "pH neutral", 1.3)])] },
        { nl: "Brandwondengel", en: "Burn gel", price: [495, 1295], dims: [dim("size", [v("tube 50 ml", "50 ml tube", 1, "50 ml"), v("sachets 3,5 g", "3.5 g sachets", 1, "3,5 g", "3.5 g")])] },
      ],
    },
    {
      code: "LAB-FIR", slug: "brandbeveiliging", nameNl: "Brandbeveiliging", nameEn: "Fire safety",
      unspsc: "46191601", units: ["EA"], vat: 2100, price: [1495, 14995],
      blurb: { nl: "Voldoet aan NEN 2559 en de eisen van de brandweer.", en: "Complies with NEN 2559 and fire department requirements." },
      families: [
        { nl: "Brandblusser", en: "Fire extinguisher", price: [3995, 14995], dims: [dim("agent", [v("poeder", "powder"), v("schuim", "foam", 1.1), v("CO2", "CO2", 1.5)]), dim("capacity", [v("2 kg"), v("6 kg", "6 kg", 1.8)])] },
        { nl: "Blusdeken", en: "Fire blanket", price: [1495, 3995], dims: [dim("size", [v("120 x 120 cm"), v("120 x 180 cm", "120 x 180 cm", 1.3)])] },
        { nl: "Rookmelder", en: "Smoke alarm", price: [1495, 4995], dims: [dim("battery", [v("10 jaar batterij", "10-year battery", 1.4, "10 jaar", "10 years"), v("9V-batterij", "9V battery")]), dim("link", [v("koppelbaar", "interlinkable", 1.6), v("losstaand", "standalone")])] },
      ],
    },
    {
      code: "LAB-SIG", slug: "veiligheidssignalering", nameNl: "Veiligheidssignalering", nameEn: "Safety signs & marking",
      unspsc: "55121704", units: ["EA", "RO"], vat: 2100, price: [295, 3995],
      blurb: { nl: "Pictogrammen volgens NEN-EN-ISO 7010.", en: "Pictograms to ISO 7010." },
      families: [
        { nl: "Pictogram", en: "Safety sign", price: [295, 995], dims: [dim("symbol", [v("nooduitgang", "emergency exit"), v("EHBO", "first aid"), v("brandblusser", "fire extinguisher"), v("gehoorbescherming verplicht", "ear protection required"), v("verboden toegang", "no entry")]), dim("size", [v("20 x 20 cm"), v("30 x 30 cm", "30 x 30 cm", 1.6)]), dim("material", [v("sticker"), v("kunststof", "plastic", 1.5), v("nalichtend", "photoluminescent", 2.2)])] },
        { nl: "Afzetlint", en: "Barrier tape", price: [995, 1995], unit: "RO", dims: [dim("colour", [v("rood-wit", "red and white"), v("geel-zwart", "yellow and black")]), dim("length", [v("100 m"), v("500 m", "500 m", 3.5)])] },
        { nl: "Vloermarkeringstape", en: "Floor marking tape", price: [1495, 3495], unit: "RO", dims: [dim("colour", [v("geel", "yellow"), v("wit", "white"), v("geel-zwart", "yellow and black", 1.2)]), dim("size", [v("50 mm x 33 m"), v("75 mm x 33 m", "75 mm x 33 m", 1.4)])] },
      ],
    },
    {
      code: "LAB-GLS", slug: "labglaswerk", nameNl: "Labglaswerk", nameEn: "Lab glassware",
      unspsc: "41121800", units: ["EA", "PK"], vat: 2100, price: [295, 2995],
      blurb: { nl: "Borosilicaatglas 3.3, hittebestendig en chemisch resistent.", en: "Borosilicate glass 3.3, heat and chemical resistant." },
      families: [
        { nl: "Bekerglas", en: "Beaker", price: [195, 495], pack: { ...pieces(1, 10), units: ["EA", "PK"] }, dims: [dim("volume", millilitres(50, 100, 250, 600, 1000)), dim("form", [v("lage vorm", "low form"), v("hoge vorm", "tall form", 1.1)])] },
        { nl: "Erlenmeyer", en: "Erlenmeyer flask", price: [295, 595], pack: { ...pieces(1, 10), units: ["EA", "PK"] }, dims: [dim("volume", millilitres(100, 250, 500, 1000)), dim("neck", [v("nauwe hals", "narrow neck"), v("wijde hals", "wide neck", 1.1)])] },
        { nl: "Maatcilinder", en: "Graduated cylinder", price: [595, 1295], dims: [dim("volume", millilitres(10, 100, 250, 1000)), dim("class", [v("klasse A", "class A", 1.6, "A"), v("klasse B", "class B", 1, "B")])] },
        { nl: "Reageerbuizen", en: "Test tubes", price: [1995, 3995], unit: "PK", pack: pieces(100), dims: [dim("size", same("12 x 100 mm", "16 x 160 mm")), dim("rim", [v("met rand", "with rim"), v("zonder rand", "rimless")])] },
      ],
    },
    {
      code: "LAB-PLA", slug: "labplastics", nameNl: "Labplastics & pipetpunten", nameEn: "Labware & pipette tips",
      unspsc: "41121600", units: ["BX", "PK"], vat: 2100, price: [995, 8995],
      blurb: { nl: "Vrij van DNase, RNase en pyrogenen.", en: "Free of DNase, RNase and pyrogens." },
      families: [
        { nl: "Pipetpunten", en: "Pipette tips", price: [2495, 4995], pack: pieces(960, 1000), dims: [dim("volume", [v("10 µl"), v("200 µl"), v("1000 µl", "1000 µl", 1.2)]), dim("sterility", [v("steriel in rek", "sterile racked", 1.8), v("niet-steriel bulk", "non-sterile bulk")]), dim("filter", [v("met filter", "filtered", 1.6), v("zonder filter", "unfiltered")])] },
        { nl: "Centrifugebuizen", en: "Centrifuge tubes", price: [5995, 11995], pack: pieces(500), dims: [dim("volume", [v("15 ml"), v("50 ml", "50 ml", 1.3)]), dim("sterility", [v("steriel", "sterile", 1.4), v("niet-steriel", "non-sterile")])] },
        { nl: "Petrischalen", en: "Petri dishes", price: [4995, 8995], pack: pieces(500), dims: [dim("diameter", [v("90 mm"), v("60 mm", "60 mm", 0.8)]), dim("vents", [v("met nokken", "vented"), v("zonder nokken", "unvented")])] },
        { nl: "Pasteurpipetten", en: "Pasteur pipettes", price: [1995, 3995], pack: pieces(500), dims: [dim("volume", [v("3 ml")]), dim("sterility", [v("steriel per stuk verpakt", "sterile individually wrapped", 3), v("niet-steriel", "non-sterile")])] },
      ],
    },
    {
      code: "LAB-CHE", slug: "laboratoriumchemicalien", nameNl: "Laboratoriumchemicaliën", nameEn: "Laboratory chemicals",
      unspsc: "12352104", units: ["EA"], vat: 2100, price: [795, 6995],
      blurb: { nl: "Geleverd met analysecertificaat per lot.", en: "Supplied with a certificate of analysis per batch." },
      families: [
        { nl: "Ethanol", en: "Ethanol", price: [1495, 2995], dims: [dim("grade", [v("96% technisch", "96% technical"), v("absoluut p.a.", "absolute AR", 1.8)]), dim("volume", litres(1, 5))] },
        { nl: "Isopropanol", en: "Isopropanol", price: [1295, 2495], dims: [dim("grade", [v("technisch", "technical"), v("p.a.", "AR", 1.6)]), dim("volume", litres(1, 5))] },
        { nl: "Gedemineraliseerd water", en: "Demineralized water", price: [495, 995], dims: [dim("volume", litres(5, 10, 25))] },
        { nl: "Bufferoplossing", en: "Buffer solution", price: [1495, 2995], dims: [dim("ph", [v("pH 4,01", "pH 4.01"), v("pH 7,00", "pH 7.00"), v("pH 10,01", "pH 10.01")]), dim("volume", millilitres(250, 500))] },
      ],
    },
    {
      code: "LAB-EQP", slug: "labapparatuur", nameNl: "Labapparatuur", nameEn: "Lab equipment",
      unspsc: "41103000", units: ["EA"], vat: 2100, price: [14995, 99995],
      blurb: { nl: "Betrouwbare apparatuur voor het dagelijkse labwerk.", en: "Reliable equipment for daily lab work." },
      families: [
        { nl: "Magneetroerder", en: "Magnetic stirrer", price: [19995, 49995], dims: [dim("heating", [v("met verwarming", "with heating", 1.6), v("zonder verwarming", "without heating")]), dim("capacity", [v("tot 5 liter", "up to 5 liters", 1, "5 l"), v("tot 15 liter", "up to 15 liters", 1.3, "15 l")])] },
        { nl: "Precisieweegschaal", en: "Precision balance", price: [49995, 99995], dims: [dim("capacity", [v("220 g x 0,001 g", "220 g x 0.001 g", 1.5), v("3200 g x 0,01 g", "3200 g x 0.01 g")])] },
        { nl: "Vortexmixer", en: "Vortex mixer", price: [19995, 39995], dims: [dim("speed", [v("vast toerental", "fixed speed"), v("variabel toerental", "variable speed", 1.3)])] },
        { nl: "pH-meter", en: "pH meter", price: [14995, 49995], dims: [dim("type", [v("draagbaar", "portable"), v("tafelmodel", "benchtop", 1.6)])] },
      ],
    },
  ],
};

export const CATALOG: readonly ParentCategorySpec[] = [OFFICE, CLEANING, TOOLS, LAB];

export const BRANDS: readonly BrandSpec[] = [
  { name: "Koppel Huismerk", manufacturer: "Koppel Supplies B.V.", mpnPrefix: "KH", parents: ["OFF", "CLN", "MRO", "LAB"] },
  { name: "Degelijk", manufacturer: "Degelijk Groothandel B.V.", mpnPrefix: "DG", parents: ["OFF", "CLN", "MRO"] },
  { name: "Kantorio", manufacturer: "Noordhout Paper Group", mpnPrefix: "KT", parents: ["OFF"] },
  { name: "Ordinex", manufacturer: "Ordinex Office Products N.V.", mpnPrefix: "OX", parents: ["OFF"] },
  { name: "Papyra", manufacturer: "Papyra Papierfabrieken B.V.", mpnPrefix: "PY", categories: ["OFF-PAP", "OFF-NTB", "OFF-ENV", "OFF-LBL"] },
  { name: "Notara", manufacturer: "Noordhout Paper Group", mpnPrefix: "NT", categories: ["OFF-PAP", "OFF-NTB", "OFF-CAL"] },
  { name: "Scribelle", manufacturer: "Scribelle Writing Instruments", mpnPrefix: "SB", categories: ["OFF-PEN", "OFF-MRK", "OFF-PRS"] },
  { name: "Tekvoort", manufacturer: "Tekvoort Electronics B.V.", mpnPrefix: "TV", categories: ["OFF-ICT", "OFF-CAB"] },
  { name: "Voltaro", manufacturer: "Voltaro Elektro GmbH", mpnPrefix: "VT", categories: ["OFF-CAB", "MRO-ELE", "MRO-BAT"] },
  { name: "Glansa", manufacturer: "Glansa Hygiene B.V.", mpnPrefix: "GL", parents: ["CLN"] },
  { name: "Frissel", manufacturer: "Frissel Professional", mpnPrefix: "FR", parents: ["CLN"] },
  { name: "Hygion", manufacturer: "Hygion Care Products", mpnPrefix: "HY", parents: ["CLN", "LAB"] },
  { name: "Purovan", manufacturer: "Purovan Chemie N.V.", mpnPrefix: "PV", categories: ["CLN-HYG", "CLN-DET", "CLN-DIS", "CLN-DSH", "LAB-CHE"] },
  { name: "Sopdam", manufacturer: "Glansa Hygiene B.V.", mpnPrefix: "SD", categories: ["CLN-HYG", "CLN-DET", "CLN-DSH", "CLN-AIR"] },
  { name: "Dweilex", manufacturer: "Dweilex Cleaning Systems", mpnPrefix: "DX", categories: ["CLN-MOP", "CLN-CLT", "CLN-TRL"] },
  { name: "Vegerix", manufacturer: "Vegerix Reinigungstechnik GmbH", mpnPrefix: "VX", categories: ["CLN-MOP", "CLN-TRL", "CLN-BIN", "CLN-WIN", "CLN-MAT"] },
  { name: "Zakwerk", manufacturer: "Zakwerk Kunststoffen B.V.", mpnPrefix: "ZW", categories: ["CLN-BAG", "CLN-BIN", "CLN-CAT"] },
  { name: "Doosvast", manufacturer: "Doosvast Verpakkingen B.V.", mpnPrefix: "DV", categories: ["CLN-PKG", "CLN-CAT", "OFF-FIL"] },
  { name: "IJzerhof", manufacturer: "IJzerhof Technische Groothandel", mpnPrefix: "IJ", parents: ["MRO"] },
  { name: "Stalwerk", manufacturer: "Stalwerk Industrie B.V.", mpnPrefix: "SW", parents: ["MRO"] },
  { name: "Nordvaar", manufacturer: "Nordvaar Industrial AB", mpnPrefix: "NV", parents: ["MRO", "LAB"] },
  { name: "Mechanon", manufacturer: "Mechanon Tools Ltd.", mpnPrefix: "MC", parents: ["MRO"] },
  { name: "Torqon", manufacturer: "Torqon Werkzeuge GmbH", mpnPrefix: "TQ", categories: ["MRO-HND", "MRO-PWR", "MRO-BIT", "MRO-MEA"] },
  { name: "Vonkel", manufacturer: "Vonkel Power Tools", mpnPrefix: "VN", categories: ["MRO-PWR", "MRO-BIT", "MRO-ABR", "MRO-ELE"] },
  { name: "Schroefwerk", manufacturer: "Stalwerk Industrie B.V.", mpnPrefix: "SR", categories: ["MRO-FAS", "MRO-BIT"] },
  { name: "Labrivo", manufacturer: "Labrivo Scientific B.V.", mpnPrefix: "LB", categories: ["LAB-GLS", "LAB-PLA", "LAB-EQP", "LAB-CHE", "LAB-GLV"] },
  { name: "Pipeteer", manufacturer: "Labrivo Scientific B.V.", mpnPrefix: "PP", categories: ["LAB-PLA", "LAB-GLS"] },
  { name: "Cryovel", manufacturer: "Cryovel Labware GmbH", mpnPrefix: "CV", categories: ["LAB-PLA", "LAB-EQP"] },
  { name: "Steriflo", manufacturer: "Steriflo Medical", mpnPrefix: "SF", categories: ["LAB-GLV", "LAB-PLA", "LAB-FAI", "LAB-CLO"] },
  { name: "Veiligo", manufacturer: "Veiligo Protective Wear", mpnPrefix: "VG", categories: ["LAB-WGL", "LAB-EYE", "LAB-RES", "LAB-HRG", "LAB-HEA", "LAB-CLO", "LAB-HVV", "LAB-SIG"] },
  { name: "Oogwacht", manufacturer: "Veiligo Protective Wear", mpnPrefix: "OW", categories: ["LAB-EYE", "LAB-RES"] },
  { name: "Vlamvrij", manufacturer: "Vlamvrij Brandbeveiliging B.V.", mpnPrefix: "VV", categories: ["LAB-FIR", "LAB-SIG"] },
  { name: "Stapvast", manufacturer: "Stapvast Footwear", mpnPrefix: "ST", categories: ["LAB-SHO", "LAB-HVV"] },
  { name: "Chemaxis", manufacturer: "Chemaxis Laboratory Chemicals", mpnPrefix: "CX", categories: ["LAB-CHE"], exclusive: true },
  { name: "Branderij Zeewind", manufacturer: "Branderij Zeewind B.V.", mpnPrefix: "BZ", categories: ["OFF-PAN"], exclusive: true },
  { name: "Theehuys Veere", manufacturer: "Theehuys Veere", mpnPrefix: "TH", categories: ["OFF-PAN"], exclusive: true },
  { name: "Bakkerij Oudwijk", manufacturer: "Bakkerij Oudwijk B.V.", mpnPrefix: "BO", categories: ["OFF-PAN"], exclusive: true },
  { name: "Cadeaupas", manufacturer: "Cadeaupas Nederland B.V.", mpnPrefix: "CP", categories: ["OFF-GFT"], exclusive: true },
  { name: "Inktvast", manufacturer: "Inktvast Imaging Supplies", mpnPrefix: "IV", categories: ["OFF-TON"], exclusive: true },
  { name: "Printwerf", manufacturer: "Inktvast Imaging Supplies", mpnPrefix: "PW", categories: ["OFF-TON"], exclusive: true },
];

export interface AttributeName {
  nl: string;
  en: string;
  /** Offered as a filter on category pages and in search. */
  filterable: boolean;
}

/**
 * What every attribute key of the generated catalogue means (seeded as attribute_definitions): its
 * name as the shop prints it, in the order the product page lists attributes (position = place in
 * this map), and whether buyers can narrow a list by it. Names are generic where one key covers
 * several kinds of products ("class" is a bolt's property class, a filter's ePM class, a mask's FFP
 * class and a safety shoe's S class; "size" a glove size as well as a label's dimensions).
 * Not filterable: `case` (one value, "in cassette"), `origin` (on half the products of every
 * category, so it would crowd every category page with a choice nobody buys office, cleaning or lab
 * supplies by) and `unspsc` (one code per category, never a choice within one).
 */
export const ATTRIBUTE_NAMES: Readonly<Record<string, AttributeName>> = {
  // What the product is, then its size and look: what buyers choose by first.
  type: { nl: "Type", en: "Type", filterable: true },
  format: { nl: "Formaat", en: "Format", filterable: true },
  size: { nl: "Maat", en: "Size", filterable: true },
  colour: { nl: "Kleur", en: "Color", filterable: true },
  material: { nl: "Materiaal", en: "Material", filterable: true },
  volume: { nl: "Inhoud", en: "Volume", filterable: true },
  capacity: { nl: "Capaciteit", en: "Capacity", filterable: true },
  weight: { nl: "Gewicht", en: "Weight", filterable: true },
  length: { nl: "Lengte", en: "Length", filterable: true },
  width: { nl: "Breedte", en: "Width", filterable: true },
  diameter: { nl: "Diameter", en: "Diameter", filterable: true },
  thickness: { nl: "Dikte", en: "Thickness", filterable: true },
  class: { nl: "Klasse", en: "Class", filterable: true },
  grade: { nl: "Kwaliteit", en: "Grade", filterable: true },
  standard: { nl: "Norm", en: "Standard", filterable: true },
  // Electrical and tools.
  voltage: { nl: "Spanning", en: "Voltage", filterable: true },
  power: { nl: "Voeding", en: "Power", filterable: true },
  battery: { nl: "Batterij", en: "Battery", filterable: true },
  fitting: { nl: "Fitting", en: "Lamp base", filterable: true },
  output: { nl: "Lichtopbrengst", en: "Light output", filterable: true },
  grit: { nl: "Korrelgrootte", en: "Grit", filterable: true },
  disc: { nl: "Schijfdiameter", en: "Disc diameter", filterable: true },
  // Office.
  tip: { nl: "Punt", en: "Tip", filterable: true },
  hardness: { nl: "Hardheid", en: "Hardness", filterable: true },
  ruling: { nl: "Liniatuur", en: "Ruling", filterable: true },
  cover: { nl: "Kaft", en: "Cover", filterable: true },
  spine: { nl: "Rugbreedte", en: "Spine width", filterable: true },
  holes: { nl: "Aantal gaten", en: "Number of holes", filterable: true },
  closure: { nl: "Sluiting", en: "Closure", filterable: true },
  window: { nl: "Venster", en: "Window", filterable: true },
  adhesive: { nl: "Hechting", en: "Adhesive", filterable: true },
  finish: { nl: "Afwerking", en: "Finish", filterable: true },
  surface: { nl: "Oppervlak", en: "Surface", filterable: true },
  body: { nl: "Huls", en: "Barrel", filterable: true },
  design: { nl: "Ontwerp", en: "Design", filterable: true },
  value: { nl: "Waarde", en: "Value", filterable: true },
  layout: { nl: "Indeling", en: "Layout", filterable: true },
  connection: { nl: "Verbinding", en: "Connection", filterable: true },
  interface: { nl: "Aansluiting", en: "Interface", filterable: true },
  screens: { nl: "Aantal schermen", en: "Number of screens", filterable: true },
  mount: { nl: "Bevestiging", en: "Mounting", filterable: true },
  sockets: { nl: "Aantal stopcontacten", en: "Number of outlets", filterable: true },
  cable: { nl: "Kabellengte", en: "Cable length", filterable: true },
  switch: { nl: "Schakelaar", en: "Switch", filterable: true },
  roast: { nl: "Branding", en: "Roast", filterable: true },
  flavour: { nl: "Smaak", en: "Flavor", filterable: true },
  certification: { nl: "Keurmerk", en: "Certification", filterable: true },
  // Cleaning and catering.
  scent: { nl: "Geur", en: "Scent", filterable: true },
  base: { nl: "Basis", en: "Base", filterable: true },
  floor: { nl: "Vloertype", en: "Floor type", filterable: true },
  use: { nl: "Toepassing", en: "Application", filterable: true },
  operation: { nl: "Bediening", en: "Operation", filterable: true },
  fold: { nl: "Vouwwijze", en: "Fold", filterable: true },
  ply: { nl: "Aantal lagen", en: "Ply", filterable: true },
  bristle: { nl: "Borstelhaar", en: "Bristles", filterable: true },
  compartments: { nl: "Aantal vakken", en: "Compartments", filterable: true },
  strength: { nl: "Sterkte", en: "Strength", filterable: true },
  wall: { nl: "Golf", en: "Wall", filterable: true },
  wheels: { nl: "Wielen", en: "Wheels", filterable: true },
  // Tools, fixings and workplace.
  blade: { nl: "Blad", en: "Blade", filterable: true },
  handle: { nl: "Handgreep", en: "Handle", filterable: true },
  insulation: { nl: "Isolatie", en: "Insulation", filterable: true },
  pieces: { nl: "Aantal delen", en: "Number of pieces", filterable: true },
  case: { nl: "Opberging", en: "Case", filterable: false },
  shank: { nl: "Schacht", en: "Shank", filterable: true },
  coating: { nl: "Coating", en: "Coating", filterable: true },
  range: { nl: "Meetbereik", en: "Measuring range", filterable: true },
  shape: { nl: "Uitvoering", en: "Shape", filterable: true },
  shelves: { nl: "Aantal legborden", en: "Number of shelves", filterable: true },
  steps: { nl: "Aantal treden", en: "Number of steps", filterable: true },
  rungs: { nl: "Sporten", en: "Rungs", filterable: true },
  forks: { nl: "Vorklengte", en: "Fork length", filterable: true },
  pockets: { nl: "Aantal zakken", en: "Number of pockets", filterable: true },
  // Personal protection and safety.
  attenuation: { nl: "Demping (SNR)", en: "Attenuation (SNR)", filterable: true },
  cord: { nl: "Koord", en: "Cord", filterable: true },
  level: { nl: "Snijklasse", en: "Cut level", filterable: true },
  lining: { nl: "Voering", en: "Lining", filterable: true },
  lens: { nl: "Lens", en: "Lens", filterable: true },
  frame: { nl: "Montuur", en: "Frame", filterable: true },
  visor: { nl: "Vizier", en: "Visor", filterable: true },
  ventilation: { nl: "Ventilatie", en: "Ventilation", filterable: true },
  harness: { nl: "Binnenwerk", en: "Harness", filterable: true },
  peak: { nl: "Klep", en: "Brim", filterable: true },
  valve: { nl: "Ventiel", en: "Valve", filterable: true },
  agent: { nl: "Blusmiddel", en: "Extinguishing agent", filterable: true },
  link: { nl: "Koppeling", en: "Interlinking", filterable: true },
  symbol: { nl: "Pictogram", en: "Symbol", filterable: true },
  // Laboratory.
  heating: { nl: "Verwarming", en: "Heating", filterable: true },
  speed: { nl: "Toerental", en: "Speed", filterable: true },
  form: { nl: "Vorm", en: "Form", filterable: true },
  neck: { nl: "Hals", en: "Neck", filterable: true },
  rim: { nl: "Rand", en: "Rim", filterable: true },
  sterility: { nl: "Steriliteit", en: "Sterility", filterable: true },
  filter: { nl: "Filter", en: "Filter", filterable: true },
  vents: { nl: "Nokken", en: "Vents", filterable: true },
  ph: { nl: "pH-waarde", en: "pH value", filterable: true },
  solution: { nl: "Spoeloplossing", en: "Rinse solution", filterable: true },
  yield: { nl: "Rendement", en: "Yield", filterable: true },
  // Every product may carry these; last on the page.
  origin: { nl: "Land van herkomst", en: "Country of origin", filterable: false },
  unspsc: { nl: "UNSPSC", en: "UNSPSC", filterable: false },
};
