import { ClientMessages } from "@/lib/i18n/client-messages-provider";
import { ACCOUNT_CLIENT_MESSAGES } from "@/lib/i18n/client-messages";

/** The quick-order form uses the account area's client texts (lib/i18n/client-messages.ts). */
export default function QuickOrderLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={ACCOUNT_CLIENT_MESSAGES}>{children}</ClientMessages>;
}
