import "server-only";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import type titles from "./messages/titles.nl.json";

/**
 * Browser-tab titles, in the request's language (messages/titles.*.json). The root layout adds
 * " · Koppel", the admin layout " · Koppel Beheer" / " · Koppel Admin" (both from the same messages).
 * Titles that name a document or product: lib/page-titles.ts.
 */

type Leaves<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every key of the titles messages ("shop.cart", "admin.orders", …). */
export type TitleKey = Exclude<Leaves<(typeof titles)["titles"]>, `template.${string}`>;

export async function titleText(key: TitleKey, values?: Record<string, string>): Promise<string> {
  return (await getTranslations("titles"))(key, values);
}

/** A page's fixed title: `export const generateMetadata = pageTitle("shop.cart");`. */
export function pageTitle(key: TitleKey, extra: Omit<Metadata, "title"> = {}): () => Promise<Metadata> {
  return async () => ({ ...extra, title: await titleText(key) });
}

/** The shop's and the admin's title template and default (root and admin layouts). */
export async function layoutTitle(area: "shop" | "admin"): Promise<Metadata["title"]> {
  const t = await getTranslations("titles");
  return { default: t(area === "shop" ? "appName" : "adminName"), template: t(`template.${area}`) };
}

/**
 * A title that skips the template of its own segment's layout (a layout's template applies only to
 * the segments below it, not to the page beside it): /admin itself.
 */
export async function adminHomeTitle(): Promise<Metadata> {
  const t = await getTranslations("titles");
  return { title: { absolute: t("template.admin").replace("%s", t("admin.overview")) } };
}

/** The home page: the shop's name and what it offers, without the template. */
export async function homeTitle(): Promise<Metadata> {
  return { title: { absolute: await titleText("shop.home") } };
}
