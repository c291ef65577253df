import { getTranslations } from "next-intl/server";
import { CancelPunchoutForm } from "@/components/shop/cancel-punchout-form";
import { TransferPunchoutForm } from "@/components/shop/transfer-punchout-form";
import type { CartBadgeReading } from "@/lib/cart/cart-badge";

type Operation = "create" | "edit" | "inspect";

/** Shown on every shop page during a punchout session: where the cart goes, and the way out. */
export async function PunchoutBanner({
  system,
  operation = "create",
  connectionTest = false,
  cart,
}: {
  system: string;
  operation?: Operation;
  connectionTest?: boolean;
  /** The cart as the header badge read it: "Cancel punchout" asks first when it has lines, "Transfer cart" when it has none. */
  cart: CartBadgeReading;
}) {
  const t = await getTranslations("punchout");
  return (
    <div role="region" aria-label="Punchout" className="border-b border-amber-300 bg-amber-50" data-testid="punchout-banner">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-2 text-sm text-amber-950">
        <p>{connectionTest ? t("testBanner", { system }) : operation === "inspect" ? t("inspectBanner", { system }) : t("banner", { system })}</p>
        <PunchoutButtons operation={operation} cart={cart} />
      </div>
    </div>
  );
}

/**
 * Plain HTML forms: they work without JavaScript inside any procurement system's frame. An inspect
 * session (read-only cart) only has "Return", which sends the same cart back. "Transfer cart" asks
 * first when the cart is empty, "Cancel punchout" when it has lines (`cart` as the page read it).
 * The banner and the cart page show the same buttons: when lines need fixing first, the cart page
 * says so beside them, and a press on either comes back to the cart with that reason.
 */
export async function PunchoutButtons({ operation = "create", cart }: { operation?: Operation; cart?: CartBadgeReading }) {
  const t = await getTranslations("punchout");
  if (operation === "inspect") {
    return (
      <form method="post" action="/punchout/transfer">
        <input type="hidden" name="mode" value="transfer" />
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-1.5 font-medium text-white hover:bg-brand-700">
          {t("inspectReturn")}
        </button>
      </form>
    );
  }
  return (
    <div className="flex items-center gap-2">
      <TransferPunchoutForm
        cart={cart}
        label={t("transfer")}
        // An empty edit transfer can empty the buyer's requisition: that confirmation says so.
        emptyConfirm={t(operation === "edit" ? "transferEmptyEditConfirm" : "transferEmptyConfirm")}
        className="rounded-md bg-brand-600 px-4 py-1.5 font-medium text-white hover:bg-brand-700"
      />
      <CancelPunchoutForm cart={cart} label={t("cancel")} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-slate-700 hover:bg-slate-50" />
    </div>
  );
}
