import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { LOCALE_COOKIE, toLocale } from "./locales";

// Messages are split per area (shop, admin, punchout) so features can evolve their texts apart;
// each file holds its own top-level namespaces.
const AREAS = ["shop", "admin", "punchout", "account", "orders", "invoices", "invoicing", "cost-centers", "account-requests", "two-step", "staff", "vat-checks", "categories", "attributesAdmin", "titles"] as const;

// No locale in the URL: B2B users pick a language once (cookie, set from their profile at sign-in).
// A page may ask for another one explicitly (getTranslations({ locale })): the set-password page
// speaks the invited person's language in a browser that has no choice yet.
export default getRequestConfig(async ({ locale: requested }) => {
  const locale = requested ? toLocale(requested) : toLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  const parts = await Promise.all(AREAS.map((area) => import(`./messages/${area}.${locale}.json`)));
  return {
    locale,
    timeZone: "Europe/Amsterdam",
    messages: Object.assign({}, ...parts.map((part) => part.default)),
  };
});
