import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { ConnectionForm } from "@/components/punchout/connection-form";
import { managerScope } from "@/lib/admin/access";
import { CONNECTION_PRESETS } from "@/lib/admin/punchout-connections";
import { requireStaff } from "@/lib/auth/guards";
import { listCustomerOptions } from "@/lib/data/customers";
import { createConnectionAction } from "../actions";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("admin.newConnection");

export default async function NewConnectionPage() {
  await connection();
  const staff = await requireStaff("/admin/connections/new");
  const [t, customers] = await Promise.all([getTranslations("punchout.admin"), listCustomerOptions(managerScope(staff))]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("new")}</h1>
      <ConnectionForm
        action={createConnectionAction}
        customers={customers}
        presets={{
          // With their settings: the form's controls show what the preset sets under the typed JSON.
          oci: CONNECTION_PRESETS.oci.map(({ id, label, settings }) => ({ id, label, settings })),
          cxml: CONNECTION_PRESETS.cxml.map(({ id, label, settings }) => ({ id, label, settings })),
        }}
        values={{ name: "", enabled: true, environment: "test", username: "", allowedReturnOrigins: "", cxmlFrom: "", cxmlSender: "", cxmlTo: "", settings: "{}" }}
      />
    </div>
  );
}
