import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { DEMO_PUNCHOUT } from "@/db/seed/demo-punchout";
import { BENCH_CXML_HUB, BUYER_PASSWORD, buyerEmail } from "./dataset";

type Sql = postgres.Sql;

export interface Buyer {
  email: string;
  userId: number;
  companyId: number;
  locale: "nl" | "en";
  /** Cookie header value once signed in. */
  cookie: string;
}

/** What the scenarios request, drawn deterministically from the dataset. */
export interface Workload {
  listingPaths: string[];
  searchTerms: { term: string; kind: string }[];
  detailSkus: string[];
  cartProducts: { id: number; sku: string }[];
  transferProductIds: number[];
  buyers: Omit<Buyer, "cookie">[];
}

export async function loadWorkload(sql: Sql, connections: number): Promise<Workload> {
  const categories = await sql<{ slug: string }[]>`select slug from categories order by md5(slug)`;
  const listingPaths = categories.flatMap(({ slug }) => [`/catalog/${slug}`, `/catalog/${slug}?page=2`]);

  const words = (column: "name_nl" | "name_en", limit: number) =>
    sql<{ w: string }[]>`
      select w from (select distinct lower(split_part(${sql(column)}, ' ', 1)) as w from products) x
      where length(w) >= 4 and w ~ '^[a-zà-ÿ-]+$' order by md5(w) limit ${limit}`;
  const phrases = await sql<{ w: string }[]>`
    select w from (select distinct lower(split_part(name_nl, ' ', 1) || ' ' || split_part(name_nl, ' ', 2)) as w from products) x
    where w ~ '^[a-zà-ÿ-]{3,} [a-z0-9à-ÿ-]{2,}$' order by md5(w) limit 4`;
  const ids = await sql<{ sku: string; gtin: string }[]>`select sku, gtin from products where active order by md5(sku) limit 12`;
  const dutch = (await words("name_nl", 14)).map((r) => r.w);
  const english = (await words("name_en", 12)).map((r) => r.w);
  // Typing errors: one letter dropped from a Dutch word (the trigram fallback, when full text finds nothing).
  const typos = dutch.filter((w) => w.length >= 8).slice(0, 3).map((w) => w.slice(0, 3) + w.slice(4));
  const searchTerms = [
    ...dutch.map((term) => ({ term, kind: "nl word" })),
    ...english.map((term) => ({ term, kind: "en word" })),
    ...phrases.map(({ w }) => ({ term: w, kind: "nl phrase" })),
    ...ids.slice(0, 6).map(({ sku }) => ({ term: sku, kind: "SKU" })),
    ...ids.slice(6).map(({ gtin }) => ({ term: gtin, kind: "GTIN" })),
    ...typos.map((term) => ({ term, kind: "typo" })),
  ];

  const detail = await sql<{ sku: string }[]>`
    select sku from products p
    where active and (list_price_tiers <> '[]'::jsonb or exists (select 1 from price_list_entries e where e.product_id = p.id and e.tiers <> '[]'::jsonb))
    order by md5(sku) limit 200`;
  const orderable = await sql<{ id: number; sku: string }[]>`
    select id, sku from products where active and min_order_quantity = 1 and order_multiple = 1 and stock > 0 order by md5(sku) limit 550`;

  const buyers = await sql<{ email: string; userId: number; companyId: number; locale: "nl" | "en" }[]>`
    select email, id as "userId", company_id as "companyId", locale from users
    where email = any(${Array.from({ length: connections }, (_, i) => buyerEmail(i + 1))}) order by email`;
  if (buyers.length < connections) throw new Error(`the dataset has only ${buyers.length} bench buyers, ${connections} needed`);
  return {
    listingPaths,
    searchTerms,
    detailSkus: detail.map((r) => r.sku),
    cartProducts: orderable.slice(0, 50),
    transferProductIds: orderable.slice(50, 550).map((r) => r.id),
    buyers,
  };
}

function setCookies(response: Response): Map<string, string> {
  const out = new Map<string, string>();
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(";");
    const index = pair!.indexOf("=");
    out.set(pair!.slice(0, index).trim(), pair!.slice(index + 1));
  }
  return out;
}

const cookieHeader = (cookies: Map<string, string>) => [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");

/** Signs in through Auth.js's credentials endpoint, as a browser form post does; returns the Cookie header. */
export async function signIn(baseUrl: string, buyer: Omit<Buyer, "cookie">): Promise<Buyer> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = setCookies(csrf);
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, email: buyer.email, password: BUYER_PASSWORD, callbackUrl: `${baseUrl}/` }),
  });
  const session = setCookies(response).get("authjs.session-token");
  if (!session) throw new Error(`sign-in of ${buyer.email} failed (HTTP ${response.status}, no session cookie)`);
  return { ...buyer, cookie: `authjs.session-token=${session}; NEXT_LOCALE=${buyer.locale}` };
}

/** Gives each buyer a shop cart of exactly these products (quantity 1), straight in the database. */
export async function fillShopCarts(sql: Sql, buyers: Buyer[], products: { id: number }[]): Promise<void> {
  // Every page view creates the shop cart if missing (the header badge), so it may exist already.
  for (const buyer of buyers) {
    await sql`insert into carts (user_id, company_id) values (${buyer.userId}, ${buyer.companyId})
              on conflict (user_id) where punchout_session_id is null do nothing`;
    const [cart] = await sql<{ id: number }[]>`select id from carts where user_id = ${buyer.userId} and punchout_session_id is null`;
    await sql`delete from cart_lines where cart_id = ${cart!.id}`;
    await sql`insert into cart_lines (cart_id, product_id, quantity) select ${cart!.id}, unnest(${products.map((p) => p.id)}::int[]), 1`;
  }
}

/** Fills the cart of the punchout session behind a browser token with these products. */
export async function fillPunchoutCart(sql: Sql, token: string, productIds: number[]): Promise<void> {
  const hash = createHash("sha256").update(token).digest("base64url");
  const [cart] = await sql<{ id: number }[]>`
    select c.id from carts c join punchout_sessions s on s.id = c.punchout_session_id where s.session_token_hash = ${hash}`;
  if (!cart) throw new Error("no cart for the punchout session");
  await sql`insert into cart_lines (cart_id, product_id, quantity) select ${cart.id}, unnest(${productIds}::int[]), 1`;
}

export const OCI_ENTRY_PATH = `/punchout/oci?${new URLSearchParams({
  USERNAME: DEMO_PUNCHOUT.oci.username,
  PASSWORD: DEMO_PUNCHOUT.oci.password,
  HOOK_URL: "http://127.0.0.1:9/sap/bc/hook?sap-client=100",
  OCI_VERSION: "4.0",
  returntarget: "_top",
})}`;

/** Opens an OCI punchout session; returns the browser's cookies for it. */
export async function ociEntry(baseUrl: string): Promise<{ cookie: string; token: string }> {
  const response = await fetch(`${baseUrl}${OCI_ENTRY_PATH}`, { redirect: "manual" });
  await response.arrayBuffer();
  const cookies = setCookies(response);
  const token = cookies.get("koppel_punchout");
  if (response.status !== 303 || !token) throw new Error(`OCI entry failed: HTTP ${response.status}`);
  return { cookie: cookieHeader(cookies), token };
}

let payloadSequence = 0;
const xmlEscape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Who sends a cXML document: its Header credentials, the mode and where the buyer's browser returns. */
export interface CxmlParty {
  from: readonly { domain: string; identity: string }[];
  to: { domain: string; identity: string };
  sender: { domain: string; identity: string };
  sharedSecret: string;
  deploymentMode: "test" | "production";
  browserFormPost: string;
}

/** The demo customer's own cXML connection (the transfer scenario punches in through it). */
export const DEMO_CXML_PARTY: CxmlParty = {
  from: [DEMO_PUNCHOUT.cxml.from],
  to: DEMO_PUNCHOUT.cxml.to,
  sender: DEMO_PUNCHOUT.cxml.sender,
  sharedSecret: DEMO_PUNCHOUT.cxml.sharedSecret,
  deploymentMode: "test",
  browserFormPost: "http://127.0.0.1:9/cxml/return",
};

/**
 * Bench customer n (1-based, the customer of buyerEmail(n)) through the network hub, as the dataset
 * configures its connection: NetworkID and DUNS in From, the hub as Sender.
 */
export function hubCxmlParty(n: number): CxmlParty {
  return {
    from: [
      { domain: "NetworkID", identity: `AN-BENCH-${String(n).padStart(4, "0")}` },
      { domain: "DUNS", identity: String(400000000 + n) },
    ],
    to: { domain: "NetworkID", identity: "KOPPEL" },
    sender: BENCH_CXML_HUB.sender,
    sharedSecret: BENCH_CXML_HUB.sharedSecret,
    deploymentMode: "production",
    browserFormPost: "https://s1.ariba.com/Buyer/punchout/return",
  };
}

function cxmlHeader({ from, to, sender, sharedSecret }: CxmlParty): string {
  return `<Header>
<From>${from.map((c) => `<Credential domain="${c.domain}"><Identity>${c.identity}</Identity></Credential>`).join("")}</From>
<To><Credential domain="${to.domain}"><Identity>${to.identity}</Identity></Credential></To>
<Sender><Credential domain="${sender.domain}"><Identity>${sender.identity}</Identity><SharedSecret>${xmlEscape(sharedSecret)}</SharedSecret></Credential><UserAgent>Koppel bench 1.0</UserAgent></Sender>
</Header>`;
}

/** A PunchOutSetupRequest (operation create) from `party`, unique payloadID and BuyerCookie. */
export function setupRequestXml(party: CxmlParty = DEMO_CXML_PARTY): string {
  const id = `${process.pid}.${Date.now()}.${payloadSequence++}`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.063/cXML.dtd">
<cXML payloadID="${id}@bench.koppel.test" timestamp="${new Date().toISOString()}" xml:lang="nl-NL">
${cxmlHeader(party)}
<Request deploymentMode="${party.deploymentMode}">
<PunchOutSetupRequest operation="create">
<BuyerCookie>bench-${id}</BuyerCookie>
<BrowserFormPost><URL>${party.browserFormPost}</URL></BrowserFormPost>
<ShipTo><Address addressID="DF-UTR" isoCountryCode="NL"><Name xml:lang="nl">Hoofdkantoor Utrecht</Name><PostalAddress><Street>Catharijnesingel 112</Street><City>Utrecht</City><PostalCode>3511 GP</PostalCode><Country isoCountryCode="NL">Nederland</Country></PostalAddress></Address></ShipTo>
</PunchOutSetupRequest>
</Request>
</cXML>`;
}

/** A cXML OrderRequest with a unique orderID from `party`. */
export function orderRequestXml(skus: string[], party: CxmlParty = DEMO_CXML_PARTY): string {
  const id = `${process.pid}.${Date.now()}.${payloadSequence++}`;
  const items = skus
    .map(
      (sku, i) => `<ItemOut quantity="1" lineNumber="${i + 1}"><ItemID><SupplierPartID>${xmlEscape(sku)}</SupplierPartID></ItemID><ItemDetail><UnitPrice><Money currency="EUR">1.00</Money></UnitPrice><Description xml:lang="nl">${xmlEscape(sku)}</Description><UnitOfMeasure>EA</UnitOfMeasure></ItemDetail></ItemOut>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.063/cXML.dtd">
<cXML payloadID="${id}@bench.koppel.test" timestamp="${new Date().toISOString()}" xml:lang="nl-NL">
${cxmlHeader(party)}
<Request deploymentMode="${party.deploymentMode}">
<OrderRequest>
<OrderRequestHeader orderID="BENCH-${id}" orderDate="${new Date().toISOString()}" type="new">
<Total><Money currency="EUR">${skus.length}.00</Money></Total>
<ShipTo><Address addressID="DF-UTR" isoCountryCode="NL"><Name xml:lang="nl">Hoofdkantoor Utrecht</Name><PostalAddress><Street>Catharijnesingel 112</Street><City>Utrecht</City><PostalCode>3511 GP</PostalCode><Country isoCountryCode="NL">Nederland</Country></PostalAddress></Address></ShipTo>
<BillTo><Address addressID="BILL" isoCountryCode="NL"><Name xml:lang="nl">Demo Facilities B.V.</Name><PostalAddress><Street>Catharijnesingel 112</Street><City>Utrecht</City><PostalCode>3511 GP</PostalCode><Country isoCountryCode="NL">Nederland</Country></PostalAddress></Address></BillTo>
</OrderRequestHeader>
${items}
</OrderRequest>
</Request>
</cXML>`;
}

/** Opens a cXML punchout session (setup, then the StartPage); null when the setup route is not there. */
export async function cxmlPunchIn(baseUrl: string): Promise<{ cookie: string; token: string } | null> {
  const setup = await fetch(`${baseUrl}/punchout/cxml/setup`, { method: "POST", headers: { "content-type": "text/xml; charset=utf-8" }, body: setupRequestXml() });
  const body = await setup.text();
  if (setup.status === 404) return null;
  const startPage = /<StartPage>\s*<URL>([^<]+)<\/URL>/.exec(body)?.[1];
  if (!startPage) throw new Error(`PunchOutSetupResponse without StartPage (HTTP ${setup.status}): ${body.slice(0, 400)}`);
  const start = new URL(startPage.replace(/&amp;/g, "&"));
  const response = await fetch(`${baseUrl}${start.pathname}${start.search}`, { redirect: "manual" });
  await response.arrayBuffer();
  const cookies = setCookies(response);
  const token = cookies.get("koppel_punchout");
  if (!token) throw new Error(`cXML StartPage did not open a session: HTTP ${response.status}`);
  return { cookie: cookieHeader(cookies), token };
}

/**
 * Scenario 7's unit: a new punchout session (OCI entry, or cXML setup + StartPage) with the
 * 500-line cart put into it in SQL, then `POST /punchout/transfer` timed until the whole page is
 * read. `complete` says whether the page holds every line. Null without cXML setup.
 */
export async function transferOnce(
  baseUrl: string,
  sql: Sql,
  protocol: "oci" | "cxml",
  productIds: number[],
): Promise<{ status: number; body: string; took: number; complete: boolean } | null> {
  const session = protocol === "oci" ? await ociEntry(baseUrl) : await cxmlPunchIn(baseUrl);
  if (!session) return null;
  await fillPunchoutCart(sql, session.token, productIds);
  const started = performance.now();
  const response = await fetch(`${baseUrl}/punchout/transfer`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: session.cookie, origin: baseUrl, "content-type": "application/x-www-form-urlencoded" },
    body: "mode=transfer",
  });
  const body = await response.text();
  const took = performance.now() - started;
  const complete = response.status === 200 && (protocol === "oci" ? body.includes(`NEW_ITEM-DESCRIPTION[${productIds.length}]`) : body.length > 50_000);
  return { status: response.status, body, took, complete };
}

const ACTION_BOUNDARY = "----KoppelBenchBoundary7MA4YWxkTrZu0gW";

/** The id of the add-to-cart server action in this build (what the browser sends as Next-Action). */
function addToCartActionId(appDir: string): string {
  const manifest = JSON.parse(readFileSync(path.join(appDir, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string; filename?: string; workers?: Record<string, unknown> }>;
  };
  const match = Object.entries(manifest.node).find(
    ([, entry]) => entry.exportedName === "addToCartAction" && (entry.filename === undefined || entry.filename.includes("cart/actions")),
  );
  if (!match) throw new Error("addToCartAction not found in .next/server/server-reference-manifest.json");
  return match[0];
}

/** The headers of the add-to-cart action as the browser sends it, for the build in `appDir`. */
export function addToCartHeaders(appDir: string, appUrl: string): Record<string, string> {
  return {
    "next-action": addToCartActionId(appDir),
    accept: "text/x-component",
    "content-type": `multipart/form-data; boundary=${ACTION_BOUNDARY}`,
    origin: appUrl,
  };
}

/** The multipart body React's encodeReply produces for addToCartAction(previousState, formData); POST it to a product page. */
export function addToCartBody(sku: string): string {
  const part = (name: string, value: string) => `--${ACTION_BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  return `${part("_1_sku", sku)}${part("_1_quantity", "1")}${part("0", '[{"status":"idle"},"$K1"]')}--${ACTION_BOUNDARY}--\r\n`;
}
