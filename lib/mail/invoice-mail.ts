import type { Invoice } from "@/db/schema";
import type { Locale } from "@/lib/i18n/locales";
import { formatInvoiceDocument } from "@/lib/invoices/format-document";
import type { MailMessage } from "./send-mail";

/**
 * The e-mail that carries an invoice or credit note to the customer's invoice address, in the
 * invoice's language, with the same amount, due date and payment instruction as the PDF.
 *
 * The caller renders the PDF (`renderInvoicePdf`) and passes the bytes as `invoice.pdf`: this keeps
 * the function synchronous and lets the delivery worker reuse one rendering. With `pdf` the message
 * carries it as "Factuur-<number>.pdf" / "Invoice-<number>.pdf"; without, the caller attaches files.
 */
export function invoiceMail(
  to: { email: string; name: string },
  invoice: Pick<Invoice, "number" | "kind" | "document"> & { pdf?: Uint8Array },
  locale: Locale,
): MailMessage {
  const view = formatInvoiceDocument({ number: invoice.number, kind: invoice.kind, document: invoice.document, locale }, locale);
  const doc = invoice.document;
  const labels = view.labels;
  const supplier = doc.supplier.tradingName ?? doc.supplier.name;
  const message: MailMessage = {
    toEmail: to.email,
    toName: to.name,
    kind: invoice.kind,
    subject: labels.mail.subject({ kind: invoice.kind, number: invoice.number, supplier }),
    bodyText: labels.mail.body({
      kind: invoice.kind,
      name: to.name,
      number: invoice.number,
      amount: view.payable,
      dueDate: invoice.kind === "invoice" ? view.dueDate : null,
      issueDate: view.issueDate,
      payment: view.paymentInstruction,
      supplier,
      supplierEmail: doc.supplier.contact?.email ?? null,
    }),
  };
  if (invoice.pdf) {
    const safeNumber = invoice.number.replace(/[^A-Za-z0-9._-]/g, "-");
    message.attachments = [{ filename: labels.mail.filename({ kind: invoice.kind, number: safeNumber }), contentType: "application/pdf", content: invoice.pdf }];
  }
  return message;
}
