import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { DatabaseHandle } from "@/db/client";
import {
  addresses,
  companies,
  customerArticleNumbers,
  punchoutSessions,
  punchoutTransferLines,
  punchoutTransfers,
  supplierProfile,
  users,
  type NewCompany,
  type NewSupplierProfile,
} from "@/db/schema";
import type { BuyerUser } from "@/lib/auth/guards";
import { addToCart } from "@/lib/cart/cart-service";
import { placeOrder } from "@/lib/checkout/place-order";
import { recordOrderShipment } from "@/lib/data/purchase-orders";
import { handleCxmlOrder } from "@/lib/punchout/cxml-order";
import { createCxmlConnection } from "./cxml-fixtures";
import { CXML_VALIDATOR, UBL_VALIDATOR } from "./shared-dir";

export { CXML_VALIDATOR, UBL_VALIDATOR };

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/** Our own company as the MASTER_DATA seed would store it: valid KvK, VAT id, IBAN and Peppol id. */
export async function createSupplierProfile(handle: DatabaseHandle, overrides: Partial<NewSupplierProfile> = {}) {
  const values: NewSupplierProfile = {
    id: 1,
    legalName: "Koppel Kantoorartikelen B.V.",
    tradingName: "Koppel",
    kvkNumber: "87654321",
    vatId: "NL862345678B01",
    peppolScheme: "0106",
    peppolId: "87654321",
    street: "Kanaalweg 12",
    postalCode: "3526 KL",
    city: "Utrecht",
    countryCode: "NL",
    iban: "NL91ABNA0417164300",
    bic: "ABNANL2A",
    email: "facturen@koppel.test",
    phone: "+31 30 123 4567",
    paymentTermsDays: 30,
    ...overrides,
  };
  await handle.db.insert(supplierProfile).values(values).onConflictDoUpdate({ target: supplierProfile.id, set: values });
}

export interface InvoiceCustomerAddress {
  street: string;
  postalCode: string;
  city: string;
  countryCode: string;
}

const DEFAULT_ADDRESS: Record<string, InvoiceCustomerAddress> = {
  NL: { street: "Stationsplein 1", postalCode: "1012 AB", city: "Amsterdam", countryCode: "NL" },
  BE: { street: "Grote Markt 7", postalCode: "2000", city: "Antwerpen", countryCode: "BE" },
  DE: { street: "Hauptstraße 5", postalCode: "10115", city: "Berlin", countryCode: "DE" },
  NO: { street: "Karl Johans gate 22", postalCode: "0159", city: "Oslo", countryCode: "NO" },
  CH: { street: "Bahnhofstrasse 3", postalCode: "8001", city: "Zürich", countryCode: "CH" },
};

/**
 * A customer with invoicing master data, a buyer (given locale), a default ship-to (with an external
 * id for cXML matching) and a bill-to address in its country.
 */
export async function createInvoiceCustomer(
  handle: DatabaseHandle,
  company: Partial<NewCompany> & { countryCode?: string },
  options: { locale?: "nl" | "en"; shipTo?: InvoiceCustomerAddress } = {},
) {
  const id = unique();
  const countryCode = company.countryCode ?? "NL";
  const [row] = await handle.db
    .insert(companies)
    .values({ name: `Klant ${id} ${countryCode}`, countryCode, ...company })
    .returning();
  const [user] = await handle.db
    .insert(users)
    .values({ email: `inv-${id}@example.test`, name: `Inkoper ${id}`, role: "buyer", companyId: row!.id, locale: options.locale ?? "nl" })
    .returning();
  const shipTo = options.shipTo ?? DEFAULT_ADDRESS[countryCode] ?? DEFAULT_ADDRESS.NL!;
  const [shipToRow] = await handle.db
    .insert(addresses)
    .values({ companyId: row!.id, kind: "ship_to", label: "Magazijn", name: row!.name, ...shipTo, isDefault: true, externalId: `SHIP-${id}` })
    .returning();
  const bill = DEFAULT_ADDRESS[countryCode] ?? shipTo;
  await handle.db
    .insert(addresses)
    .values({ companyId: row!.id, kind: "bill_to", label: "Administratie", name: row!.name, ...bill, street: `${bill.street} (administratie)`, isDefault: true });
  const buyer: BuyerUser = {
    ...user!,
    companyId: row!.id,
    companyName: row!.name,
    punchout: null,
    impersonatedBy: null,
  } as BuyerUser;
  return { company: row!, user: user!, buyer, shipTo: shipToRow! };
}

export type InvoiceCustomer = Awaited<ReturnType<typeof createInvoiceCustomer>>;

/**
 * The customer's own article numbers (customer_article_numbers) for some products, as the company
 * admin maintains them; orders placed afterwards snapshot them on their lines.
 */
export async function setCustomerArticleNumbers(
  handle: DatabaseHandle,
  customer: InvoiceCustomer,
  numbers: { productId: number; articleNumber: string }[],
): Promise<void> {
  await handle.db
    .insert(customerArticleNumbers)
    .values(numbers.map((n) => ({ companyId: customer.company.id, productId: n.productId, articleNumber: n.articleNumber, updatedByUserId: customer.user.id })));
}

const xmlText = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A web order through the real cart and checkout code; returns the order id. */
export async function placeWebOrder(
  customer: InvoiceCustomer,
  items: { sku: string; quantity: number }[],
  options: { poNumber?: string; costCenter?: string; now: Date },
): Promise<{ id: number; orderNumber: string; status: string }> {
  for (const item of items) await addToCart(customer.buyer, item.sku, item.quantity);
  return placeOrder(
    customer.buyer,
    {
      shipToAddressId: customer.shipTo.id,
      poNumber: options.poNumber ?? null,
      costCenter: options.costCenter ?? null,
      requestedDeliveryDate: null,
      note: null,
    },
    customer.user.locale,
    options.now,
  );
}

/**
 * A cXML OrderRequest for a customer through the real intake (handleCxmlOrder): a connection, a
 * transferred punchout cart with the lines (so reconciliation accepts them) and the PO itself,
 * with an accounting distribution (cost center) per line and, where given, the buyer's own part
 * number (ItemID/BuyerPartID).
 */
export async function placeCxmlOrder(
  handle: DatabaseHandle,
  customer: InvoiceCustomer,
  items: { productId: number; sku: string; quantity: number; unitPriceMinor: number; vatRateBasisPoints: number; unit?: string; buyerPartId?: string }[],
  options: { orderId: string; now: Date; costCenter?: string },
): Promise<{ orderId: number; payloadId: string; body: string }> {
  const id = unique();
  const from = { domain: "NetworkID", identity: `AN-INV-${id}` };
  const secret = `secret-${id}`;
  const connection = await createCxmlConnection(handle, customer.company.id, { from: [from], sender: [from], to: null, secret, origins: [] });
  const [session] = await handle.db
    .insert(punchoutSessions)
    .values({
      connectionId: connection.id,
      companyId: customer.company.id,
      userId: connection.technicalUserId!,
      protocol: "cxml",
      status: "transferred",
      returnUrl: "https://procurement.example.com/return",
      expiresAt: options.now,
    })
    .returning();
  const [transfer] = await handle.db
    .insert(punchoutTransfers)
    .values({ sessionId: session!.id, companyId: customer.company.id, currency: "EUR", totalMinor: 0 })
    .returning();
  const refs = items.map((_, index) => `REF-${id}-${index + 1}`);
  await handle.db.insert(punchoutTransferLines).values(
    items.map((item, index) => ({
      transferId: transfer!.id,
      reference: refs[index]!,
      lineNumber: index + 1,
      productId: item.productId,
      sku: item.sku,
      description: `Artikel ${item.sku}`,
      quantity: item.quantity,
      unit: item.unit ?? "EA",
      unitPriceMinor: item.unitPriceMinor,
      vatRateBasisPoints: item.vatRateBasisPoints,
    })),
  );
  const money = (minor: number) => (minor / 100).toFixed(2);
  const total = items.reduce((sum, item) => sum + item.unitPriceMinor * item.quantity, 0);
  const costCenter = options.costCenter ?? "KP-100";
  const ship = customer.shipTo;
  const payloadId = `po-${id}@buyer.example`;
  const lines = items
    .map(
      (item, index) => `<ItemOut quantity="${item.quantity}" lineNumber="${index + 1}">
<ItemID><SupplierPartID>${item.sku}</SupplierPartID><SupplierPartAuxiliaryID>${refs[index]}</SupplierPartAuxiliaryID>${item.buyerPartId ? `<BuyerPartID>${xmlText(item.buyerPartId)}</BuyerPartID>` : ""}</ItemID>
<ItemDetail><UnitPrice><Money currency="EUR">${money(item.unitPriceMinor)}</Money></UnitPrice><Description xml:lang="nl">Artikel ${item.sku}</Description><UnitOfMeasure>${item.unit ?? "EA"}</UnitOfMeasure></ItemDetail>
<Distribution><Accounting name="Kosten"><Segment type="Cost Center" id="${costCenter}" description="Facilitair"/></Accounting><Charge><Money currency="EUR">${money(item.unitPriceMinor * item.quantity)}</Money></Charge></Distribution>
</ItemOut>`,
    )
    .join("\n");
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.063/cXML.dtd">
<cXML payloadID="${payloadId}" timestamp="2026-11-28T11:00:00+01:00" xml:lang="en-US">
<Header><From><Credential domain="${from.domain}"><Identity>${from.identity}</Identity></Credential></From>
<To><Credential domain="NetworkID"><Identity>KOPPEL</Identity></Credential></To>
<Sender><Credential domain="${from.domain}"><Identity>${from.identity}</Identity><SharedSecret>${secret}</SharedSecret></Credential><UserAgent>IT</UserAgent></Sender></Header>
<Request deploymentMode="production"><OrderRequest>
<OrderRequestHeader orderID="${options.orderId}" orderDate="2026-11-28T10:59:00+01:00" type="new">
<Total><Money currency="EUR">${money(total)}</Money></Total>
<ShipTo><Address addressID="${ship.externalId}" isoCountryCode="${ship.countryCode}"><Name xml:lang="nl">Magazijn</Name><PostalAddress><Street>${ship.street}</Street><City>${ship.city}</City><PostalCode>${ship.postalCode}</PostalCode><Country isoCountryCode="${ship.countryCode}">${ship.countryCode}</Country></PostalAddress></Address></ShipTo>
<BillTo><Address addressID="BILL-1" isoCountryCode="${ship.countryCode}"><Name xml:lang="nl">Administratie</Name><PostalAddress><Street>${ship.street}</Street><City>${ship.city}</City><PostalCode>${ship.postalCode}</PostalCode><Country isoCountryCode="${ship.countryCode}">${ship.countryCode}</Country></PostalAddress></Address></BillTo>
<Contact role="endUser"><Name xml:lang="nl">Jan</Name><Email>${customer.user.email}</Email></Contact>
</OrderRequestHeader>
${lines}
</OrderRequest></Request></cXML>`;
  const answer = await handleCxmlOrder(
    { bytes: new TextEncoder().encode(xml), truncated: false },
    { remoteAddress: "203.0.113.9", now: options.now, baseUrl: "https://shop.example.nl", contentType: "text/xml" },
  );
  if (answer.cxmlCode !== 200) throw new Error(`cXML order ${options.orderId} was refused: ${answer.body}`);
  const orderIdRow = await handle.query<{ order_id: number }>(
    "select order_id from purchase_orders where connection_id = $1 and buyer_order_id = $2",
    [connection.id, options.orderId],
  );
  return { orderId: Number(orderIdRow[0]!.order_id), payloadId, body: answer.body };
}

/** Records a (partial) shipment of an order through the shipment data function; returns its id. */
export async function shipOrder(orderId: number, lines: { lineNumber: number; quantity: number }[] | null): Promise<number> {
  const result = await recordOrderShipment({
    orderId,
    from: ["placed", "accepted", "confirmed", "shipped"],
    userId: null,
    carrier: "PostNL",
    trackingNumber: `3S${unique()}`,
    trackingUrl: null,
    lines,
    outbound: () => null,
  });
  if (!result.ok) throw new Error(`order ${orderId} could not be shipped: ${result.error} ${result.detail ?? ""}`);
  return result.shipmentId;
}

/** A GTIN-13 with a valid GS1 check digit from 12 digits. */
export function gtin13(first12: string): string {
  const digits = [...first12].map(Number);
  const sum = digits.reduce((acc, d, i) => acc + d * (i % 2 === 0 ? 1 : 3), 0);
  return `${first12}${(10 - (sum % 10)) % 10}`;
}

// ---------------------------------------------------------------------------------------------
// Official validators (../shared/validators), one call for many files
// ---------------------------------------------------------------------------------------------

const SAXON_JAR = process.env.SAXON_JAR ?? "/usr/share/java/Saxon-HE.jar";
const has = (command: string) => spawnSync("sh", ["-c", `command -v ${command}`]).status === 0;
/** Why the validators cannot run here, or null when they can (CI installs xmllint, Java and Saxon). */
export const validatorsMissing: string | null = !existsSync(UBL_VALIDATOR) || !existsSync(CXML_VALIDATOR)
  ? "../shared/validators scripts not found"
  : !has("xmllint") || !has("java")
    ? "xmllint or java not installed (sh ../shared/validators/install-validators.sh)"
    : !existsSync(SAXON_JAR)
      ? `Saxon-HE jar not found at ${SAXON_JAR}`
      : null;

/**
 * Writes every document to a temp dir and runs `script` once over all of them. Returns the exit
 * code, the fatal findings (validate-ubl: `<file> [LAYER] fatal <rule> @ <xpath> : <text>`; any
 * error line of validate-cxml) and the whole output.
 */
export function runValidatorBatch(
  script: string,
  documents: Record<string, string>,
): { status: number | null; fatal: string[]; output: string; files: number } {
  const dir = mkdtempSync(path.join(tmpdir(), "koppel-invoices-"));
  try {
    const files = Object.entries(documents).map(([name, xml]) => {
      const file = path.join(dir, `${name.replace(/[^\w.-]+/g, "_")}.xml`);
      writeFileSync(file, xml, "utf8");
      return file;
    });
    const run = spawnSync("sh", [script, ...files], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, timeout: 300_000 });
    const output = `${run.stdout ?? ""}\n${run.stderr ?? ""}`;
    // validate-ubl: "<file> [LAYER] fatal <rule> @ <xpath> : <text>"; validate-cxml: "<file>: FAIL (…)" plus the xmllint errors.
    const fatal = output
      .split("\n")
      .filter((line) => / \[[A-Z-]+\] fatal /.test(line) || /: FAIL|CANNOT VALIDATE|validity error|parser error/.test(line));
    return { status: run.status, fatal, output, files: files.length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
