import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { VatEvidenceWarning } from "@/lib/admin/vat-checks";
import { VAT_CHECK_VALID_DAYS } from "@/lib/admin/vat-checks";
import { dateText } from "@/lib/format";

/**
 * Beside the forms that issue an invoice or a credit note to a customer invoiced at 0 % (intra-
 * community supply) whose VIES evidence is missing, stale or negative: the same finding as the
 * customer page, and that issuing is not blocked.
 */
export async function VatEvidenceWarningNote({ warning, locale, testId = "vat-evidence-warning" }: { warning: VatEvidenceWarning; locale: "nl" | "en"; testId?: string }) {
  const t = await getTranslations("vatChecks.invoiceWarning");
  return (
    <div data-testid={testId} data-attention={warning.attention} className="space-y-1 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
      <p>{t(warning.attention, { vatId: warning.vatId, date: warning.latestValidAt ? dateText(warning.latestValidAt, locale) : "", days: VAT_CHECK_VALID_DAYS })}</p>
      <p className="font-medium">{t("notBlocked")}</p>
      <Link href={`/admin/customers/${warning.companyId}`} className="text-brand-700 underline">
        {t("customerLink")}
      </Link>
    </div>
  );
}
