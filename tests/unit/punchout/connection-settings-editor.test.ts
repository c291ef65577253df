import { readFileSync } from "node:fs";
import path from "node:path";
import { NextIntlClientProvider } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ConnectionSettingsEditor } from "@/components/punchout/connection-settings-editor";
import { SETTINGS_FIELDS, type PunchoutProtocol, type SettingsObject } from "@/lib/punchout/settings-fields";

const messages = (locale: "nl" | "en") => JSON.parse(readFileSync(path.join(process.cwd(), `lib/i18n/messages/punchout.${locale}.json`), "utf8"));

/** The editor's first render as the browser gets it (the interactions are the pure helpers' tests and the e2e spec's). */
function render(props: { protocol: PunchoutProtocol; defaultText: string; preset?: SettingsObject }, locale: "nl" | "en" = "en"): string {
  return renderToStaticMarkup(
    createElement(NextIntlClientProvider, { locale, messages: messages(locale), timeZone: "Europe/Amsterdam", children: createElement(ConnectionSettingsEditor, props) }),
  );
}

/** The opening tag of the element with this test id. */
function tag(html: string, testId: string): string {
  const match = html.match(new RegExp(`<[a-z]+ [^>]*data-testid="${testId}"[^>]*>`));
  if (!match) throw new Error(`no element with data-testid="${testId}"`);
  return match[0];
}

/** The selected option's text of a select (by test id). */
function selectedOption(html: string, testId: string): string | undefined {
  const start = html.indexOf(tag(html, testId));
  const select = html.slice(start, html.indexOf("</select>", start));
  return select.match(/<option [^>]*selected=""[^>]*>([^<]*)</)?.[1];
}

describe("ConnectionSettingsEditor", () => {
  it.each(["oci", "cxml"] as const)("%s: a control with its test id for every field shown by default", (protocol) => {
    const html = render({ protocol, defaultText: "{}" });
    for (const field of SETTINGS_FIELDS[protocol].filter((f) => !f.shownWhen)) tag(html, `setting-${field.key}`);
    expect(html).not.toContain('data-testid="setting-userMappingParameters"');
  });

  it("shows the stored values and submits the JSON as `settings`", () => {
    const text = JSON.stringify({ assortment: "contract", userMapping: "match-or-create-email", shortNameMaxLength: 40, unitMap: { EA: "ST" } }, null, 2);
    const html = render({ protocol: "cxml", defaultText: text });
    expect(selectedOption(html, "setting-assortment")).toBe("Contract assortment only");
    expect(selectedOption(html, "setting-userMapping")).toBe("Match by email, create if missing");
    expect(tag(html, "setting-shortNameMaxLength")).toContain('value="40"');
    expect(tag(html, "setting-unitMap-from-0")).toContain('value="EA"');
    expect(tag(html, "setting-unitMap-to-0")).toContain('value="ST"');
    expect(tag(html, "settings-json")).toContain('name="settings"');
    expect(html).toContain("&quot;assortment&quot;: &quot;contract&quot;");
    // An untouched field shows its default as placeholder, not as a value written into the JSON.
    expect(tag(html, "setting-targetFrame")).toMatch(/value=""[^>]*placeholder="_top"|placeholder="_top"[^>]*value=""/);
  });

  it("shows a new connection's preset under the typed JSON", () => {
    const html = render({ protocol: "cxml", defaultText: "{}", preset: { userMapping: "connection-user", transactions: ["OrderRequest"] } });
    expect(selectedOption(html, "setting-userMapping")).toBe("Always the connection&#x27;s technical user");
    expect(tag(html, "setting-transactions-OrderRequest")).toContain('checked=""');
    expect(tag(html, "setting-transactions-PunchOutSetupRequest")).not.toContain("checked");
  });

  it("OCI: the e-mail parameter details appear in that mode", () => {
    const html = render({ protocol: "oci", defaultText: JSON.stringify({ userMapping: { mode: "email-parameter", parameters: ["EMAIL", "MAIL"] } }) });
    expect(tag(html, "setting-userMappingParameters")).toContain('value="EMAIL, MAIL"');
    tag(html, "setting-userMappingFallback");
  });

  it("turns the controls off while the JSON does not parse, and still submits the text", () => {
    const html = render({ protocol: "cxml", defaultText: '{"assortment": ' });
    expect(html).toMatch(/<fieldset disabled=""/);
    expect(tag(html, "settings-json-error")).toBeTruthy();
    expect(html).toContain("The JSON cannot be read");
    expect(html).toContain("{&quot;assortment&quot;: </textarea>");
  });

  it("names what the server will refuse next to its control", () => {
    const html = render({ protocol: "cxml", defaultText: JSON.stringify({ userMapping: "nobody" }) });
    expect(html).toContain('data-testid="setting-userMapping-issue"');
    expect(html).toContain("nobody (unknown value)");
  });

  it("speaks Dutch by default", () => {
    const html = render({ protocol: "cxml", defaultText: JSON.stringify({ assortment: "contract" }) }, "nl");
    expect(selectedOption(html, "setting-assortment")).toBe("Alleen het contractassortiment");
    expect(html).toContain("Geavanceerd (JSON)");
  });
});
