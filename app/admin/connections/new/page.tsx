import { connection } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";
import { ConnectionForm } from "@/components/punchout/connection-form";
import { managerScope } from "@/lib/admin/access";
import { CONNECTION_PRESETS } from "@/lib/admin/punchout-connections";
import { requireStaff } from "@/lib/auth/guards";
import { listCustomerOptions } from "@/lib/data/customers";
import { toLocale } from "@/lib/i18n/locales";
import { presetName } from "@/lib/punchout/preset-names";
import { createConnectionAction } from "../actions";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("admin.newConnection");

export default async function NewConnectionPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const staff = await requireStaff("/admin/connections/new");
  const [t, customers, locale, { customer }] = await Promise.all([
    getTranslations("punchout.admin"),
    listCustomerOptions(managerScope(staff)),
    getLocale().then(toLocale),
    searchParams,
  ]);
  // From a customer's page (?customer=<id>): that customer is chosen, if it is one of the list.
  const chosen = customers.find((c) => String(c.id) === customer)?.id;
  const options = (protocol: "oci" | "cxml") =>
    // With their settings: the form's controls show what the preset sets under the typed JSON.
    CONNECTION_PRESETS[protocol].map(({ id, settings }) => ({ id, label: presetName(protocol, id, locale), settings }));
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("new")}</h1>
      <ConnectionForm
        action={createConnectionAction}
        customers={customers}
        presets={{ oci: options("oci"), cxml: options("cxml") }}
        values={{ companyId: chosen, name: "", enabled: true, environment: "test", username: "", allowedReturnOrigins: "", cxmlFrom: "", cxmlSender: "", cxmlTo: "", settings: "{}" }}
      />
    </div>
  );
}
