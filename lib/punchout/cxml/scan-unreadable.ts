/**
 * What a cXML document we could not parse still says, read leniently from its text: the From
 * identities, the payloadID and an OrderRequest's orderID. Only for the log: a customer whose system
 * sends broken XML (a missing closing tag, an unescaped "&") is refused with 406 either way, but with
 * these the refusal lands in that customer's connection log, where its account manager sees it and
 * finds it by the PO number ("did you get our order?"). Nothing here authenticates anything.
 * Pure: no Next, no database.
 */

export interface UnreadableDocumentClues {
  /** Identities inside the first <From>…</From> (empty when there is none). */
  fromIdentities: string[];
  payloadId: string | null;
  orderId: string | null;
}

/** Values longer than this are not identifiers; a scan of a huge body stops at its head. */
const MAX_VALUE = 200;
const SCANNED_CHARACTERS = 64 * 1024;

const attribute = (text: string, name: string): string | null => {
  const match = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"<>]{1,${MAX_VALUE}})"|'([^'<>]{1,${MAX_VALUE}})')`).exec(text);
  const value = (match?.[1] ?? match?.[2])?.trim();
  return value ? value : null;
};

export function scanUnreadableCxml(text: string): UnreadableDocumentClues {
  const head = text.slice(0, SCANNED_CHARACTERS);
  const from = /<From\b[^>]*>([\s\S]*?)<\/From\s*>/.exec(head)?.[1] ?? "";
  const fromIdentities = [...from.matchAll(new RegExp(`<Identity\\b[^>]*>\\s*([^<]{1,${MAX_VALUE}}?)\\s*<\\/Identity\\s*>`, "g"))]
    .map((match) => match[1]!)
    .filter((identity, index, all) => identity !== "" && all.indexOf(identity) === index);
  return {
    fromIdentities,
    payloadId: attribute(/<cXML\b[^>]*>/i.exec(head)?.[0] ?? "", "payloadID"),
    orderId: attribute(/<OrderRequestHeader\b[^>]*>/.exec(head)?.[0] ?? "", "orderID"),
  };
}
