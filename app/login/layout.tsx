import { ClientMessages } from "@/lib/i18n/client-messages-provider";
import { LOGIN_CLIENT_MESSAGES } from "@/lib/i18n/client-messages";

/** Only the texts of the sign-in form travel to the browser (lib/i18n/client-messages.ts). */
export default function LoginLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={LOGIN_CLIENT_MESSAGES}>{children}</ClientMessages>;
}
