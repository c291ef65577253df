"use client";

import { useTranslations } from "next-intl";
import type { HandoverItem } from "@/lib/admin/connection-handover";
import { CopyButton } from "./copy-button";

/**
 * "For the customer": the URLs and identities the customer's procurement system is set up with
 * (lib/admin/connection-handover.ts), each with a copy button. The password / SharedSecret is only
 * known right after it was generated: then it is passed in and listed too, else a note says where a
 * new one comes from.
 */
export function ConnectionHandover({ protocol, items, secret }: { protocol: "oci" | "cxml"; items: HandoverItem[]; secret?: string }) {
  const t = useTranslations("punchout.admin.handover");
  const secretLabel = protocol === "oci" ? t("labels.ociPassword") : t("labels.cxmlSharedSecret");
  return (
    <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="connection-handover">
      <h2 className="text-base font-semibold">{t("title")}</h2>
      <p className="text-slate-600">{protocol === "oci" ? t("introOci") : t("introCxml")}</p>
      <dl className="grid grid-cols-1 gap-x-4 gap-y-2 sm:grid-cols-[minmax(12rem,auto)_1fr]">
        {items.map((item, index) => {
          const label = t(`labels.${item.key}`);
          return (
            <div key={`${item.key}-${index}`} className="contents" data-testid={`handover-${item.key}`}>
              <dt className="font-medium text-slate-700">{label}</dt>
              <dd className="min-w-0">
                {item.value ? (
                  <span className="flex flex-wrap items-center gap-2">
                    <code className="break-all rounded bg-slate-50 px-2 py-0.5 font-mono text-xs" data-testid="handover-value">
                      {item.value}
                    </code>
                    {item.domain && <span className="text-xs text-slate-500">{t("domain", { domain: item.domain })}</span>}
                    <CopyButton value={item.value} label={label} />
                  </span>
                ) : (
                  <span className="text-slate-600">{item.key === "cxmlToAny" ? t("toAny") : t("missing")}</span>
                )}
                {item.key === "cxmlOrderUrl" && <span className="block text-xs text-slate-500">{t("orderSecretHint")}</span>}
                {item.key === "deploymentMode" && <span className="block text-xs text-slate-500">{t("deploymentModeHint")}</span>}
              </dd>
            </div>
          );
        })}
        <div className="contents" data-testid="handover-secret">
          <dt className="font-medium text-slate-700">{secretLabel}</dt>
          <dd className="min-w-0">
            {secret ? (
              <span className="flex flex-wrap items-center gap-2">
                <code className="break-all rounded bg-slate-50 px-2 py-0.5 font-mono text-xs">{secret}</code>
                <CopyButton value={secret} label={secretLabel} />
              </span>
            ) : (
              <span className="text-slate-600">{protocol === "oci" ? t("passwordNotShown") : t("secretNotShown")}</span>
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}
