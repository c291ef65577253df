import { connection } from "next/server";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buildCategoryTree } from "@/lib/catalog/category-tree";
import { listCategories } from "@/lib/data/catalog";
import { GetStartedPanel } from "@/components/shop/get-started-panel";
import { getStartedItems, getStartedStillOpen, type GetStartedItem } from "@/lib/account/get-started";
import { getStartedData } from "@/lib/data/get-started";
import { getShopContext, navigationCategories, type ShopContext } from "@/lib/shop-context";
import { homeTitle } from "@/lib/i18n/page-title";
import { dismissGetStartedAction } from "./get-started-actions";

export const generateMetadata = homeTitle;

export default async function HomePage() {
  await connection(); // DB-backed: never prerendered at build time
  const [context, categories, t] = await Promise.all([getShopContext(), listCategories(), getTranslations("common")]);
  const tree = buildCategoryTree(await navigationCategories(context, categories), context.locale);
  const getStarted = await getStartedFor(context, tree[0]?.slug ?? null);
  return (
    <div className="space-y-8">
      <section className="rounded-xl bg-brand-700 px-8 py-10 text-white">
        <h1 className="text-3xl font-bold">{t("appName")}</h1>
        <p className="mt-2 text-brand-100">{t("tagline")}</p>
      </section>
      <GetStartedPanel items={getStarted} dismissAction={dismissGetStartedAction} />
      <section className="grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
        {tree.map((group) => (
          <div key={group.id} className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 className="font-semibold">
              <Link href={`/catalog/${group.slug}`} className="hover:text-brand-700">
                {group.name}
              </Link>
            </h2>
            <ul className="mt-2 space-y-1 text-sm text-slate-700">
              {group.children.map((child) => (
                <li key={child.id}>
                  <Link href={`/catalog/${child.slug}`} className="hover:text-brand-700 hover:underline">
                    {child.name}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>
    </div>
  );
}

/** A signed-in customer user's first steps (lib/account/get-started.ts); none for anybody else. */
async function getStartedFor(context: ShopContext, firstCategorySlug: string | null): Promise<GetStartedItem[]> {
  const buyer = context.buyer;
  // A punchout session or staff viewing as the customer is not the new user getting started: nothing to read.
  if (!buyer || buyer.punchout !== null || buyer.impersonatedBy !== null) return [];
  const data = await getStartedData(buyer.id, buyer.companyId, (account) => getStartedStillOpen(account, context.now));
  if (!data) return [];
  return getStartedItems({ role: buyer.role, notOwnSession: false, firstCategorySlug, ...data }, context.now);
}
