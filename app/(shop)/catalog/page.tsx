import { pageTitle } from "@/lib/i18n/page-title";

export { default } from "../page";

export const generateMetadata = pageTitle("shop.catalog");
