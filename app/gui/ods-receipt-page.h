/* ods-receipt-page.h: the wizard's last step: what was verified after the
 * upload (the portal has the resource, size and SHA-256 match, the
 * portal's own validation) and the receipt, with "Open on the Portal"
 * (receipt.open-resource) and "Export Receipt…" (receipt.export).
 */
#pragma once

#include <gtk/gtk.h>

#include "ods-upload-job.h"

G_BEGIN_DECLS

#define ODS_TYPE_RECEIPT_PAGE (ods_receipt_page_get_type ())

G_DECLARE_FINAL_TYPE (OdsReceiptPage, ods_receipt_page, ODS, RECEIPT_PAGE, GtkWidget)

GtkWidget *ods_receipt_page_new         (void);
void       ods_receipt_page_set_receipt (OdsReceiptPage         *self,
                                         const OdsUploadReceipt *receipt,
                                         const char             *page_url,
                                         const char             *file_name);

G_END_DECLS
