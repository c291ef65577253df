/**
 * Minimal XML tree for the document builders: children are written in the order given (UBL and
 * cXML are order-sensitive), and empty leaves/containers vanish so no empty element is ever
 * emitted (PEPPOL-EN16931-R008).
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  text?: string;
  children: XmlElement[];
}

export type XmlChild = XmlElement | undefined | null | false;
type Attributes = Record<string, string | undefined>;

function cleanAttributes(attributes: Attributes): Record<string, string> {
  return Object.fromEntries(
    Object.entries(attributes).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** A text element; undefined or blank text yields no element at all. */
export function leaf(name: string, text: string | undefined, attributes: Attributes = {}): XmlElement | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  return { name, attributes: cleanAttributes(attributes), text, children: [] };
}

/** A container; with no remaining children it yields no element unless `keepEmpty` (DTD EMPTY elements). */
export function node(
  name: string,
  children: XmlChild[],
  attributes: Attributes = {},
  keepEmpty = false,
): XmlElement | undefined {
  const present = children.filter((child): child is XmlElement => Boolean(child));
  if (present.length === 0 && !keepEmpty) return undefined;
  return { name, attributes: cleanAttributes(attributes), children: present };
}

export function escapeXml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** One element and its children, indented for `depth` (streamed documents write element by element). */
export function serializeElement(element: XmlElement, depth: number): string {
  return serialize(element, depth);
}

function serialize(element: XmlElement, depth: number): string {
  const indent = "  ".repeat(depth);
  const attributes = Object.entries(element.attributes)
    .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
    .join("");
  const open = `${indent}<${element.name}${attributes}`;
  if (element.text !== undefined) return `${open}>${escapeXml(element.text)}</${element.name}>`;
  if (element.children.length === 0) return `${open}/>`;
  const inner = element.children.map((child) => serialize(child, depth + 1)).join("\n");
  return `${open}>\n${inner}\n${indent}</${element.name}>`;
}

/** Serialises with an XML declaration and an optional DOCTYPE line. */
export function toXmlDocument(root: XmlElement | undefined, doctype?: string): string {
  if (!root) throw new Error("empty XML document");
  const prolog = ['<?xml version="1.0" encoding="UTF-8"?>', ...(doctype ? [doctype] : [])];
  return `${prolog.join("\n")}\n${serialize(root, 0)}\n`;
}
