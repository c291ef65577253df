import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { LOCALE_COOKIE, toLocale } from "./locales";

// No locale in the URL: B2B users pick a language once (cookie, set from their profile at sign-in).
export default getRequestConfig(async () => {
  const locale = toLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  return {
    locale,
    timeZone: "Europe/Amsterdam",
    messages: (await import(`./messages/${locale}.json`)).default,
  };
});
