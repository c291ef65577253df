import { ClientMessages } from "@/lib/i18n/client-messages-provider";
import { SET_PASSWORD_CLIENT_MESSAGES } from "@/lib/i18n/client-messages";

/** Only the texts of the set-password form travel to the browser (lib/i18n/client-messages.ts). */
export default function SetPasswordLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={SET_PASSWORD_CLIENT_MESSAGES}>{children}</ClientMessages>;
}
