import { withStaffApi } from "@/lib/admin/api-route";
import { deleteCategoryAsAdmin } from "@/lib/admin/categories";
import { isAppError } from "@/lib/errors";

// DELETE /admin/api/categories/:code — removes an empty category (204); 409 with the counts while products or children point at it.
export async function DELETE(request: Request, { params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  return withStaffApi(request, "catalog", async (staff) => {
    try {
      await deleteCategoryAsAdmin(staff, decodeURIComponent(code));
    } catch (error) {
      if (isAppError(error) && error.message === "category_not_empty") {
        const { products, children } = error.details as { products: number; children: number };
        return Response.json({ error: "category_not_empty", products, children }, { status: 409 });
      }
      throw error;
    }
    return new Response(null, { status: 204 });
  });
}
