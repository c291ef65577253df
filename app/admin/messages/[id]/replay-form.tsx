"use client";

import Link from "next/link";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { SubmitButton, useActionError, type FormAction } from "@/components/admin/action-form";
import type { ActionState } from "@/lib/actions/safe-action";
import { refusalReasonKey } from "@/lib/admin/protocol-message-types";

/**
 * "Replay" on a logged OrderRequest, and what the replay did in the account manager's words: the
 * order existed and was not created twice, the order now created / changed / cancelled (linked), or
 * why it was refused again.
 */
export function ReplayForm({ action, messageId }: { action: FormAction; messageId: number }) {
  const t = useTranslations("punchout.admin.replay");
  const tLog = useTranslations("punchout.admin.log");
  const [state, formAction] = useActionState<ActionState, FormData>(action, { status: "idle" });
  const adminErrors = useActionError()(state);
  const errors = state.status === "error" && t.has(`errors.${state.message}`) ? [t(`errors.${state.message}`)] : adminErrors;
  const data = state.status === "ok" ? (state.data ?? {}) : null;
  const order = (chunks: React.ReactNode) =>
    data && typeof data.orderId === "number" ? (
      <Link href={`/admin/orders/${data.orderId}`} className="font-medium underline">
        {chunks}
      </Link>
    ) : (
      chunks
    );
  const number = String(data?.orderNumber ?? "");
  const code = String(data?.code ?? "");
  // A refusal the log knows in words (refusalReasonKey) is said in words too, its protocol text after it.
  const refusal = (reason: string) => {
    const key = refusalReasonKey(`${code}: ${reason}`);
    return key && tLog.has(`reasons.${key}`) ? `${tLog(`reasons.${key}`)} – ${reason}` : reason;
  };
  const result = (() => {
    if (!data) return null;
    switch (data.outcome) {
      case "existing":
        return number ? t.rich("existing", { order: number, link: order }) : t("existingNoOrder");
      case "created":
      case "updated":
      case "cancelled":
        return number ? t.rich(data.outcome, { order: number, link: order }) : t("processedNoOrder");
      case "refused":
        return code === "409" ? t("refusedConflict") : data.reason ? t("refused", { code, reason: refusal(String(data.reason)) }) : t("refusedNoReason", { code });
      case "failed":
        return t("failed", { code });
      default:
        return t("unknown", { code });
    }
  })();
  const refused = data?.outcome === "refused" || data?.outcome === "failed";
  return (
    <form action={formAction} className="space-y-2" data-testid="replay-form">
      <input type="hidden" name="messageId" value={messageId} />
      <SubmitButton variant="secondary">{t("submit")}</SubmitButton>
      <p className="text-xs text-slate-500">{t("hint")}</p>
      {result && (
        <p role="status" data-testid="form-success" className={`text-sm ${refused ? "text-amber-800" : "text-emerald-700"}`}>
          {result}
        </p>
      )}
      {errors.length > 0 && (
        <p role="alert" data-testid="form-error" className="text-sm text-red-700">
          {errors.join(" ")}
        </p>
      )}
    </form>
  );
}
