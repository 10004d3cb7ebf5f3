/* ods-wizard-begin.c: a stand-in for ods_wizard_begin(), so that the
 * dashboard can start a submission before the wizard is wired.
 *
 * Replaced by the wizard helper's implementation: the lead drops this file
 * (and its line in app/gui/meson.build) at the merge. */
#define G_LOG_DOMAIN "ods-wizard-begin"

#include "ods-wizard.h"

void
ods_wizard_begin (OdsWizard        *self,
                  OdsPortalAccount *account,
                  OdsCkanPackage   *package,
                  const char       *period)
{
  g_return_if_fail (ODS_IS_WIZARD (self));

  ods_wizard_set_step (self, ODS_WIZARD_STEP_DATASET);
}
