import { describe, expect, it } from "vitest";
import { delimitedFields, delimitedLine } from "@/lib/delimited-lines";

// Pasted and uploaded lists (quick order, own article numbers, colleagues to invite): what Excel
// copies (tabs), what it saves as CSV (semicolons in the Netherlands, commas elsewhere), with the
// quoting of RFC 4180 where a field holds the separator.
describe("delimitedFields", () => {
  it.each<[string, string, string[]]>([
    ["tabs (Excel's copy)", "KP-1\t3", ["KP-1", "3"]],
    ["semicolons", "KP-1;3", ["KP-1", "3"]],
    ["commas", "KP-1,3", ["KP-1", "3"]],
    ["a tab wins over the others", "a;b\tc,d", ["a;b", "c,d"]],
    ["a semicolon wins over a comma", "anna@x.nl;Jansen, Jan", ["anna@x.nl", "Jansen, Jan"]],
    ["fields are trimmed", "  KP-1 ;  3 ", ["KP-1", "3"]],
    ["empty fields stay", "a;;c;", ["a", "", "c", ""]],
    ["one field", "KP-1", ["KP-1"]],
    ["quotes are removed", '"KP-1";"3"', ["KP-1", "3"]],
    ["a doubled quote is a quote", '"a ""b""";c', ['a "b"', "c"]],
    ["a comma inside quotes is text", 'anna@x.nl,"Jansen, Jan",koper', ["anna@x.nl", "Jansen, Jan", "koper"]],
    ["a semicolon inside quotes is text", '"a;b";c', ["a;b", "c"]],
    ["a tab inside quotes does not make it a tab line", '"a\tb";c', ["a\tb", "c"]],
    ["only a quoted comma: one field", '"Jansen, Jan"', ["Jansen, Jan"]],
    ["spaces around a quoted field", '  "KP-1"  ; 3', ["KP-1", "3"]],
    ["spaces inside quotes are trimmed like any field", '" KP-1 ";3', ["KP-1", "3"]],
    ["a quote inside a field is text (inches)", 'KP-9,3/4" fitting,5', ["KP-9", '3/4" fitting', "5"]],
    ["an unclosed quote is text", '"KP-1;3', ['"KP-1', "3"]],
    ["text after a closing quote stays", '"2,500" EUR;x', ["2,500 EUR", "x"]],
    ["a quoted amount with a decimal comma", 'anna@x.nl,Anna,koper,"1.500,00"', ["anna@x.nl", "Anna", "koper", "1.500,00"]],
  ])("%s", (_case, line, fields) => {
    expect(delimitedFields(line)).toEqual(fields);
  });
});

// Quick order asks whether "KP-1,2,5" split on commas and whether a field was quoted ("KP-1","2","5").
describe("delimitedLine", () => {
  it.each<[string, string, string, boolean[]]>([
    ["a comma line", "KP-1,2,5", ",", [false, false, false]],
    ["quoted fields", '"KP-1","2",5', ",", [true, true, false]],
    ["a semicolon line", "KP-1;2,5", ";", [false, false]],
    ["a tab line", "KP-1\t2", "\t", [false, false]],
    ["an unclosed quote is text, not quoted", '"KP-1,2', ",", [false, false]],
  ])("%s", (_case, line, separator, quoted) => {
    const result = delimitedLine(line);
    expect(result.separator).toBe(separator);
    expect(result.fields.map((f) => f.quoted)).toEqual(quoted);
    expect(result.fields.map((f) => f.text)).toEqual(delimitedFields(line));
  });
});
