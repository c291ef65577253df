import { ClientMessages } from "@/lib/i18n/client-messages-provider";
import { REGISTER_CLIENT_MESSAGES } from "@/lib/i18n/client-messages";

/** Only the texts of the account request form travel to the browser (lib/i18n/client-messages.ts). */
export default function RegisterLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={REGISTER_CLIENT_MESSAGES}>{children}</ClientMessages>;
}
