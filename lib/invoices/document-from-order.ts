/**
 * Pure mapping from an order (+ customer, supplier profile, what was invoiced before) to an
 * InvoiceDocument, and from an issued invoice to a credit note. No database, no clock: the issuing
 * transaction reads the context (lib/data/invoices.ts) and passes `now`. Rules: EINVOICE.md.
 */
import type { AddressSnapshot, Company, InvoiceChannel, SupplierProfile } from "@/db/schema";
import type { CreditNoteContext, InvoiceDraft, OrderInvoicingContext, PlanOutcome } from "@/lib/data/invoices";
import { validateCxmlInvoiceInput } from "@/lib/einvoice/build-cxml-invoice";
import { calculateInvoiceTotals, hasValidGs1CheckDigit, lineNetMinor, validateInvoiceInput } from "@/lib/einvoice/calculate";
import type {
  Address,
  AllowanceCharge,
  EndpointScheme,
  InvoiceDocument,
  InvoiceLine,
  LegalIdScheme,
  Party,
  VatTreatment,
} from "@/lib/einvoice/types";
import { UNIT_CODES } from "@/lib/einvoice/unit-codes";
import { calendarDate } from "@/lib/pricing/calendar-date";
import { deliveryChargeByRate } from "@/lib/pricing/delivery-charge";

export interface PlanFailure {
  error: "invalid_status" | "nothing_to_invoice" | "master_data_missing" | "invalid_input";
  detail?: string;
}

/** Order statuses that may be invoiced: the order stands (not waiting, rejected, cancelled or in review). */
export const INVOICEABLE_ORDER_STATUSES = ["placed", "accepted", "confirmed", "shipped"] as const;

export const INVOICE_SERIES = { invoice: "F", credit_note: "C" } as const;

const EU_COUNTRIES = new Set("AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split(" "));
const ENDPOINT_SCHEMES: ReadonlySet<string> = new Set<EndpointScheme>(["0106", "0190", "9944", "0088", "0208", "9925", "9930", "0204", "0192"]);

// ---------------------------------------------------------------------------------------------
// Small pure helpers (exported for unit tests)
// ---------------------------------------------------------------------------------------------

/** Common non-Rec-20 spellings seen in catalogs and procurement systems. */
const UNIT_SYNONYMS: Record<string, string> = {
  PCE: "H87",
  PC: "H87",
  PCS: "H87",
  ST: "H87",
  STK: "H87",
  STUK: "H87",
  KG: "KGM",
  L: "LTR",
  M: "MTR",
  H: "HUR",
  UUR: "HUR",
};

/**
 * A unit code Peppol accepts (BR-CL-23): Rec 20 as is, Rec 21 package codes with their X prefix
 * (PK → XPK, BX → XBX, RO → XRO), a few synonyms, else C62 ("one").
 */
export function toPeppolUnitCode(unit: string): string {
  const code = unit.trim().toUpperCase();
  if (UNIT_SYNONYMS[code]) return UNIT_SYNONYMS[code];
  if (UNIT_CODES.has(code)) return code;
  if (UNIT_CODES.has(`X${code}`)) return `X${code}`;
  return "C62";
}

/** ISO date + n days (calendar arithmetic in UTC, no clock). */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export type VatRegime = "domestic" | "reverse_charge" | "intra_community" | "export" | "exempt";

/**
 * company.vatTreatment → regime. `auto`: same country as the supplier = domestic; another EU member
 * state with a VAT id = intra-community supply (K); in the EU without a VAT id = domestic (a supply
 * to a non-VAT-registered buyer is taxed here); outside the EU = export (G).
 */
export function resolveVatRegime(
  company: Pick<Company, "vatTreatment" | "countryCode" | "vatId">,
  supplierCountry: string,
): VatRegime {
  if (company.vatTreatment !== "auto") return company.vatTreatment;
  const country = company.countryCode.toUpperCase();
  if (country === supplierCountry) return "domestic";
  if (EU_COUNTRIES.has(country)) return company.vatId ? "intra_community" : "domestic";
  return "export";
}

/** VAT treatment of one line or charge at the product's rate under a regime. */
export function vatFor(regime: VatRegime, rateBp: number, exemptionReason: string | null): VatTreatment {
  switch (regime) {
    case "domestic":
      return rateBp > 0 ? { category: "S", rateBp } : { category: "Z", rateBp: 0 };
    case "reverse_charge":
      return { category: "AE", rateBp: 0 };
    case "intra_community":
      return { category: "K", rateBp: 0 };
    case "export":
      return { category: "G", rateBp: 0 };
    case "exempt":
      return { category: "E", rateBp: 0, exemptionReason: exemptionReason ?? "" };
  }
}

const nonEmpty = (value: string | null | undefined): string | undefined => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

function isCompleteAddress(snapshot: Pick<AddressSnapshot, "street" | "postalCode" | "city" | "countryCode"> | null | undefined): snapshot is AddressSnapshot {
  return Boolean(snapshot && nonEmpty(snapshot.street) && nonEmpty(snapshot.city) && nonEmpty(snapshot.postalCode) && nonEmpty(snapshot.countryCode));
}

function toAddress(snapshot: Pick<AddressSnapshot, "street" | "postalCode" | "city" | "countryCode">): Address {
  return {
    street: snapshot.street.trim(),
    city: snapshot.city.trim(),
    postalCode: snapshot.postalCode.trim(),
    countryCode: snapshot.countryCode.trim().toUpperCase(),
  };
}

/** Partial address for the Delivery element: only the parts that are known. */
export function toDeliveryAddress(snapshot: AddressSnapshot): (Partial<Address> & { countryCode: string }) | undefined {
  const countryCode = nonEmpty(snapshot.countryCode)?.toUpperCase();
  if (!countryCode) return undefined;
  const street = nonEmpty(snapshot.street);
  const city = nonEmpty(snapshot.city);
  const postalCode = nonEmpty(snapshot.postalCode);
  return { ...(street ? { street } : {}), ...(city ? { city } : {}), ...(postalCode ? { postalCode } : {}), countryCode };
}

export function supplierParty(profile: SupplierProfile): Party {
  const country = profile.countryCode.toUpperCase();
  const tradingName = nonEmpty(profile.tradingName);
  const email = nonEmpty(profile.email);
  const phone = nonEmpty(profile.phone);
  return {
    name: profile.legalName.trim(),
    ...(tradingName && tradingName !== profile.legalName.trim() ? { tradingName } : {}),
    endpoint: { scheme: profile.peppolScheme as EndpointScheme, id: profile.peppolId.trim() },
    // NL-R-003: a Dutch supplier identifies itself with its KvK number.
    ...(country === "NL" ? { legalId: { scheme: "0106" as const, id: profile.kvkNumber.trim() } } : {}),
    vatId: profile.vatId.replace(/\s+/g, "").toUpperCase(),
    address: { street: profile.street.trim(), city: profile.city.trim(), postalCode: profile.postalCode.trim(), countryCode: country },
    ...(email || phone ? { contact: { ...(email ? { email } : {}), ...(phone ? { phone } : {}) } } : {}),
  };
}

/** Legal registration id of a customer from its registration number, where the scheme is known. */
export function customerLegalId(company: Company): { scheme: LegalIdScheme; id: string } | undefined {
  const number = nonEmpty(company.kvkNumber)?.replace(/[\s.]/g, "");
  if (!number) return undefined;
  const country = company.countryCode.toUpperCase();
  if (country === "NL") return { scheme: "0106", id: number };
  if (country === "BE" && /^[01]\d{9}$/.test(number)) return { scheme: "0208", id: number };
  if (country === "NO" && /^\d{9}$/.test(number)) return { scheme: "0192", id: number };
  return undefined;
}

/**
 * The customer's Peppol endpoint: the registered participant id; for customers that do not receive
 * on Peppol, the id the document format needs anyway (BT-49) is derived from their KvK or VAT
 * number with the matching scheme. Null when neither is available.
 */
export function customerEndpoint(company: Company, channels: readonly InvoiceChannel[]): Party["endpoint"] | string {
  const scheme = nonEmpty(company.peppolScheme);
  const id = nonEmpty(company.peppolId);
  if (scheme && id) return { scheme: scheme as EndpointScheme, id };
  if (channels.includes("peppol")) return "customer has no Peppol participant id, but receives invoices on Peppol";
  const country = company.countryCode.toUpperCase();
  const kvk = nonEmpty(company.kvkNumber)?.replace(/[\s.]/g, "");
  const vat = nonEmpty(company.vatId)?.replace(/\s+/g, "").toUpperCase();
  if (country === "NL" && kvk) return { scheme: "0106", id: kvk };
  if (vat?.startsWith("NL")) return { scheme: "9944", id: vat };
  if (country === "BE" && kvk && /^[01]\d{9}$/.test(kvk)) return { scheme: "0208", id: kvk };
  if (vat?.startsWith("BE")) return { scheme: "9925", id: vat };
  if (vat?.startsWith("DE")) return { scheme: "9930", id: vat };
  if (country === "NO" && kvk && /^\d{9}$/.test(kvk)) return { scheme: "0192", id: kvk };
  return "customer has no Peppol participant id and no KvK or VAT number to address the invoice to";
}

/**
 * A line's name on the document. A web order line keeps the product's name in the language its
 * buyer shopped in; on the customer's document that name is the catalog's name in the document's
 * language. Any other name (a procurement system's description, a product renamed since the
 * order) is printed as ordered.
 */
export function lineName(line: Pick<OrderInvoicingContext["lines"][number], "name" | "productNames">, locale: "nl" | "en"): string | undefined {
  const name = nonEmpty(line.name);
  const names = line.productNames;
  if (name && names && (name === names.nl.trim() || name === names.en.trim())) return nonEmpty(names[locale]) ?? name;
  return name;
}

const MASTER_DATA_PROBLEM = /^(supplier|customer)\b|VAT id|IBAN|BIC|KvK|legal id|endpoint/i;

/** validateInvoiceInput problems → a failure: party data problems are master data, the rest input. */
function classifyProblems(problems: string[]): PlanFailure {
  const error = problems.some((p) => MASTER_DATA_PROBLEM.test(p)) ? "master_data_missing" : "invalid_input";
  return { error, detail: problems.join("; ") };
}

/**
 * The cXML channel only carries invoices that reference a cXML OrderRequest (orderID and PO line
 * numbers); for other orders of such a customer it is left out instead of failing later.
 */
function channelsFor(channels: readonly InvoiceChannel[], doc: InvoiceDocument): InvoiceChannel[] {
  return [...new Set(channels)].filter((channel) => channel !== "cxml" || validateCxmlInvoiceInput(doc).length === 0);
}

function draftFrom(
  base: Omit<InvoiceDraft, "documentFor" | "totals" | "lines" | "channels">,
  doc: Omit<InvoiceDocument, "number">,
  withNumber: (doc: Omit<InvoiceDocument, "number">, number: string) => InvoiceDocument,
  lineMeta: { orderLineNumber: number | null }[],
  channels: readonly InvoiceChannel[],
): PlanOutcome<PlanFailure> {
  // Validate with a number of the final shape; the real one is assigned in the transaction.
  const probe = withNumber(doc, `${base.series}${base.year}-00000`);
  const problems = validateInvoiceInput(probe);
  if (problems.length > 0) return { ok: false, failure: classifyProblems(problems) };
  const totals = calculateInvoiceTotals(probe);
  return {
    ok: true,
    draft: {
      ...base,
      channels: channelsFor(channels, probe),
      documentFor: (number) => withNumber(doc, number),
      totals,
      lines: probe.lines.map((line, index) => ({
        lineId: line.id,
        orderLineNumber: lineMeta[index]?.orderLineNumber ?? null,
        quantity: line.quantity,
        netMinor: totals.lines[index]?.netMinor ?? 0,
      })),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Invoice from an order
// ---------------------------------------------------------------------------------------------

export interface PlanInvoiceOptions {
  shipmentId: number | null;
  userId: number | null;
  charges: { reason: string; amountMinor: number; vatRateBp: number }[];
  /** Document-level discounts (BG-20), e.g. a goodwill or volume discount on this invoice. */
  allowances?: { reason: string; amountMinor: number; vatRateBp: number }[];
  now: Date;
}

/** Quantities to bill per order line number: what is not yet invoiced, or of it what the shipment shipped. */
export function quantitiesToInvoice(context: Pick<OrderInvoicingContext, "lines" | "shipment" | "invoicedByLine">): Map<number, number> {
  const shipped = new Map<number, number>();
  for (const entry of context.shipment?.lines ?? []) {
    shipped.set(entry.lineNumber, (shipped.get(entry.lineNumber) ?? 0) + entry.quantity);
  }
  const result = new Map<number, number>();
  for (const line of context.lines) {
    const open = Math.max(0, line.quantity - (context.invoicedByLine.get(line.lineNumber) ?? 0));
    const quantity = context.shipment ? Math.min(open, Math.max(0, Math.trunc(shipped.get(line.lineNumber) ?? 0))) : open;
    if (quantity > 0) result.set(line.lineNumber, quantity);
  }
  return result;
}

export function planOrderInvoice(context: OrderInvoicingContext, options: PlanInvoiceOptions): PlanOutcome<PlanFailure> {
  const fail = (error: PlanFailure["error"], detail?: string): PlanOutcome<PlanFailure> => ({
    ok: false,
    failure: { error, ...(detail ? { detail } : {}) },
  });
  const { order, company, supplier } = context;
  if (!(INVOICEABLE_ORDER_STATUSES as readonly string[]).includes(order.status)) {
    return fail("invalid_status", `order ${order.orderNumber} is ${order.status}`);
  }
  if (context.shipment && context.shipmentInvoiced) {
    return fail("nothing_to_invoice", `shipment ${context.shipment.shipmentNumber} has been invoiced already`);
  }
  const quantities = quantitiesToInvoice(context);
  if (quantities.size === 0) return fail("nothing_to_invoice", `every line of order ${order.orderNumber} has been invoiced`);
  if (order.currency !== "EUR") return fail("invalid_input", `currency ${order.currency} is not supported`);

  if (!supplier) return fail("master_data_missing", "the supplier profile (our company's invoicing data) is missing");
  const supplierCountry = supplier.countryCode.toUpperCase();
  const regime = resolveVatRegime(company, supplierCountry);
  const customerVatId = nonEmpty(company.vatId)?.replace(/\s+/g, "").toUpperCase();
  if (regime === "reverse_charge" && (!customerVatId || !nonEmpty(supplier.vatId))) {
    return fail("master_data_missing", "reverse charge needs both our and the customer's VAT id");
  }
  if (regime === "intra_community" && !customerVatId) {
    return fail("master_data_missing", "an intra-community supply needs the customer's VAT id");
  }
  const exemptionReason = nonEmpty(company.vatExemptionReason) ?? null;
  if (regime === "exempt" && !exemptionReason) {
    return fail("master_data_missing", "VAT exemption needs the exemption reason on the customer (BR-E-10)");
  }
  const endpoint = customerEndpoint(company, company.invoiceChannels);
  if (typeof endpoint === "string") return fail("master_data_missing", endpoint);
  const legalId = customerLegalId(company);

  const issueDate = calendarDate(options.now);
  const year = Number(issueDate.slice(0, 4));
  const dueDate = addDays(issueDate, company.paymentTermsDays);
  // The customer's document language, not the orderer's shop language (companies.document_locale).
  const locale = company.documentLocale;
  // A procurement system may send a BillTo with only a name: then the customer's own bill-to
  // address on file is the legal address the invoice needs (NL-R-004), and ship-to the last resort.
  const billTo = [order.billTo, context.defaultBillTo, order.shipTo].find(isCompleteAddress) ?? order.billTo ?? order.shipTo;
  const customerEmail = nonEmpty(company.invoiceEmail) ?? nonEmpty(context.orderingUser?.email);
  // BT-56, the buyer's contact point: the bill-to address's "t.a.v." (their accounts payable, where an
  // invoice is meant to go), else whoever ordered.
  const contactName = nonEmpty(billTo?.attention) ?? nonEmpty(context.orderingUser?.name);
  const customer: Party = {
    name: company.name.trim(),
    endpoint,
    ...(legalId ? { legalId } : {}),
    ...(customerVatId ? { vatId: customerVatId } : {}),
    address: toAddress(billTo),
    ...(customerEmail || contactName ? { contact: { ...(contactName ? { name: contactName } : {}), ...(customerEmail ? { email: customerEmail } : {}) } } : {}),
  };

  // References (BT-10 / BT-13 / BT-132): the buyer matches the invoice on their PO number; BT-14 is
  // our order number, which the buyer sees on their order page and in our mails.
  const purchaseOrder = context.purchaseOrder;
  const poNumber = nonEmpty(order.poNumber);
  const orderReference = nonEmpty(purchaseOrder?.buyerOrderId) ?? poNumber;
  const buyerReference = poNumber ?? nonEmpty(purchaseOrder?.buyerOrderId) ?? order.orderNumber;

  const lines: InvoiceLine[] = [];
  const lineMeta: { orderLineNumber: number | null }[] = [];
  /** The catalog VAT rate of each document line, to match document-level discounts to. */
  const lineRates: number[] = [];
  for (const line of context.lines) {
    const quantity = quantities.get(line.lineNumber);
    if (!quantity) continue;
    lineRates.push(line.vatRateBasisPoints);
    const gtin = nonEmpty(line.gtin);
    const buyersItemId = nonEmpty(line.customerArticleNumber);
    lines.push({
      id: String(line.lineNumber),
      // cXML order line numbers are the buyer's PO line numbers (NL-R-009: with an OrderReference).
      ...(purchaseOrder && orderReference ? { orderLineReference: String(line.lineNumber) } : {}),
      ...(nonEmpty(line.sku) ? { sku: line.sku.trim() } : {}),
      // BT-156: the customer's article number as the order line recorded it when the order was placed.
      ...(buyersItemId ? { buyersItemId } : {}),
      ...(gtin && hasValidGs1CheckDigit(gtin) ? { gtin } : {}),
      name: lineName(line, locale) ?? line.sku,
      quantity,
      unitCode: toPeppolUnitCode(line.unit),
      unitPriceMinor: line.unitPriceMinor,
      vat: vatFor(regime, line.vatRateBasisPoints, exemptionReason),
    });
    lineMeta.push({ orderLineNumber: line.lineNumber });
  }
  // The order's delivery charge goes on its first invoice, split over the order's VAT rates as at
  // checkout (lib/pricing/delivery-charge.ts), so the invoices of an order add up to the order.
  const deliveryChargeMinor = context.deliveryChargeInvoiced ? 0 : order.deliveryChargeMinor;
  const deliveryCharges = deliveryChargeByRate(
    deliveryChargeMinor,
    context.lines.map((line) => ({ netMinor: line.lineTotalMinor, vatRateBasisPoints: line.vatRateBasisPoints })),
  ).map((part) => ({ reason: locale === "en" ? "Delivery charge" : "Bezorgkosten", amountMinor: part.netMinor, vatRateBp: part.vatRateBasisPoints }));
  const charges = [...deliveryCharges, ...options.charges];
  const allowancesCharges: AllowanceCharge[] = [
    ...deliveryCharges.map((charge) => ({ ...charge, isCharge: true, reasonCode: "FC" })),
    ...options.charges.map((charge) => ({ ...charge, isCharge: true, reasonCode: undefined })),
    ...(options.allowances ?? []).map((allowance) => ({ ...allowance, isCharge: false, reasonCode: "95" })),
  ].map(({ isCharge, reason, reasonCode, amountMinor, vatRateBp }) => ({
    isCharge,
    reason: reason.trim(),
    // UNCL 5189 95 = discount (allowances need a reason code or text: BR-33; we give both);
    // UNCL 7161 FC = freight charge.
    ...(reasonCode ? { reasonCode } : {}),
    amountMinor,
    vat: vatFor(regime, vatRateBp, exemptionReason),
  }));
  // A discount may not exceed what is billed at its VAT rate: the taxable amount of a VAT
  // breakdown must not turn negative on an invoice (that would be a credit note).
  for (const rateBp of new Set((options.allowances ?? []).map((allowance) => allowance.vatRateBp))) {
    const atRate = (entries: { amountMinor: number; vatRateBp: number }[]) =>
      entries.filter((entry) => entry.vatRateBp === rateBp).reduce((sum, entry) => sum + entry.amountMinor, 0);
    const billed =
      lines.filter((line, index) => lineRates[index] === rateBp).reduce((sum, line) => sum + lineNetMinor(line), 0) + atRate(charges);
    if (atRate(options.allowances ?? []) > billed) {
      return fail("invalid_input", `the discount at ${rateBp / 100} % exceeds the amount invoiced at that rate`);
    }
  }

  // Delivery (BT-72, BT-80): the shipment's date, else the latest shipment, else the invoice date.
  const shipmentDate = context.shipment?.createdAt ?? context.shipments.at(-1)?.createdAt;
  const deliveryAddress = toDeliveryAddress(order.shipTo);
  const delivery: InvoiceDocument["delivery"] = {
    date: shipmentDate ? calendarDate(shipmentDate) : issueDate,
    ...(deliveryAddress ? { address: deliveryAddress } : {}),
  };

  const days = company.paymentTermsDays;
  const accountingCost = nonEmpty(order.costCenter);
  const doc: Omit<InvoiceDocument, "number"> = {
    kind: "invoice",
    issueDate,
    dueDate,
    currency: "EUR",
    buyerReference,
    ...(orderReference ? { orderReference } : {}),
    salesOrderReference: order.orderNumber,
    supplier: supplierParty(supplier),
    customer,
    delivery,
    paymentTerms: locale === "en" ? `Payment within ${days} days of the invoice date` : `Betaling binnen ${days} dagen na factuurdatum`,
    lines,
    ...(allowancesCharges.length ? { allowancesCharges } : {}),
    ...(accountingCost ? { accountingCost } : {}),
  };
  const withNumber = (d: Omit<InvoiceDocument, "number">, number: string): InvoiceDocument => ({
    ...d,
    number,
    // SEPA credit transfer to our account; the invoice number is the payment reference (BT-83).
    paymentMeans: {
      code: "58",
      iban: supplier.iban.replace(/\s+/g, "").toUpperCase(),
      ...(nonEmpty(supplier.bic) ? { bic: supplier.bic!.trim().toUpperCase() } : {}),
      paymentId: number,
    },
  });

  return draftFrom(
    {
      kind: "invoice",
      series: INVOICE_SERIES.invoice,
      year,
      issueDate,
      dueDate,
      currency: "EUR",
      locale,
      companyId: company.id,
      orderId: order.id,
      shipmentId: context.shipment?.id ?? null,
      creditedInvoiceId: null,
      createdByUserId: options.userId,
      deliveryChargeMinor,
    },
    doc,
    withNumber,
    lineMeta,
    company.invoiceChannels,
  );
}

// ---------------------------------------------------------------------------------------------
// Credit note from an invoice
// ---------------------------------------------------------------------------------------------

export interface PlanCreditNoteOptions {
  lines: "all" | { lineId: string; quantity: number }[];
  reason: string;
  userId: number | null;
  now: Date;
}

/**
 * A credit note repeats the invoice's parties, references, VAT treatment and line identifiers (our
 * SKU, GTIN, the buyer's item id BT-156), copied from its stored document, for the credited
 * quantities. "all" credits everything not yet credited, including the document-level charges
 * unless an earlier credit note did; per line credits only lines.
 */
export function planCreditNote(context: CreditNoteContext, options: PlanCreditNoteOptions): PlanOutcome<PlanFailure> {
  const fail = (error: PlanFailure["error"], detail?: string): PlanOutcome<PlanFailure> => ({
    ok: false,
    failure: { error, ...(detail ? { detail } : {}) },
  });
  const { invoice, company } = context;
  if (invoice.kind !== "invoice") return fail("invalid_input", `${invoice.number} is a credit note; only invoices can be credited`);
  const original = invoice.document;
  const openByLineId = new Map(
    context.lines.map((line) => [line.lineId, line.quantity - (context.creditedByLineId.get(line.lineId) ?? 0)]),
  );
  const orderLineByLineId = new Map(context.lines.map((line) => [line.lineId, line.orderLineNumber]));

  let wanted: { lineId: string; quantity: number }[];
  if (options.lines === "all") {
    wanted = [...openByLineId].filter(([, open]) => open > 0).map(([lineId, quantity]) => ({ lineId, quantity }));
  } else {
    for (const requested of options.lines) {
      const open = openByLineId.get(requested.lineId);
      if (open === undefined) return fail("invalid_input", `invoice ${invoice.number} has no line ${requested.lineId}`);
      if (requested.quantity > open) {
        return fail("invalid_input", `line ${requested.lineId}: ${requested.quantity} exceeds the ${open} not yet credited`);
      }
    }
    wanted = options.lines;
  }
  const allowancesCharges =
    options.lines === "all" && !context.allowancesChargesCredited ? (original.allowancesCharges ?? []) : [];
  // A document needs at least one line (BR-16), so charges left after per-line credits stay uncredited.
  if (wanted.length === 0) return fail("nothing_to_invoice", `every line of invoice ${invoice.number} has been credited`);

  const originalLines = new Map(original.lines.map((line) => [line.id, line]));
  const lines: InvoiceLine[] = [];
  const lineMeta: { orderLineNumber: number | null }[] = [];
  for (const { lineId, quantity } of wanted) {
    const line = originalLines.get(lineId);
    if (!line) return fail("invalid_input", `line ${lineId} is not on the document of ${invoice.number}`);
    lines.push({ ...line, quantity });
    lineMeta.push({ orderLineNumber: orderLineByLineId.get(lineId) ?? null });
  }

  const issueDate = calendarDate(options.now);
  const year = Number(issueDate.slice(0, 4));
  // Not copied: due date, payment terms and our IBAN (nothing is due from the customer), the note.
  const { number: _number, dueDate: _due, paymentTerms: _terms, paymentMeans: _means, note: _note, allowancesCharges: _ac, ...rest } = original;
  const doc: Omit<InvoiceDocument, "number"> = {
    ...rest,
    kind: "credit_note",
    issueDate,
    billingReference: { invoiceNumber: invoice.number, issueDate: invoice.issueDate },
    note: options.reason.trim(),
    lines,
    ...(allowancesCharges.length ? { allowancesCharges } : {}),
  };

  return draftFrom(
    {
      kind: "credit_note",
      series: INVOICE_SERIES.credit_note,
      year,
      issueDate,
      dueDate: null,
      currency: invoice.currency,
      // A new document to the customer: in its language now (the copied lines and charges keep the invoice's texts).
      locale: company.documentLocale,
      companyId: invoice.companyId,
      orderId: invoice.orderId,
      shipmentId: null,
      creditedInvoiceId: invoice.id,
      createdByUserId: options.userId,
      deliveryChargeMinor: 0,
    },
    doc,
    (d, number) => ({ ...d, number }),
    lineMeta,
    company.invoiceChannels,
  );
}
