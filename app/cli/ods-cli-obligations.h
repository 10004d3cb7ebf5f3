/* ods-cli-obligations.h: the unit's datasets and where each stands for a
 * period, as the status and report subcommands show them. */
#pragma once

#include "ods-obligation.h"

G_BEGIN_DECLS

typedef struct
{
  OdsPeriod    period;
  OdsDeadline  deadline;
  GDateTime   *now;
  char        *portal_url;
  char        *user;          /* the account's full name, or its name */
  GPtrArray   *units;         /* OdsCkanOrganization */
  GListModel  *obligations;   /* OdsObligation */
} OdsCliObligations;

void ods_cli_obligations_free (OdsCliObligations *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdsCliObligations, ods_cli_obligations_free)

/* Reads the signed-in unit's datasets from @portal_url (%NULL: the portal
 * signed in last) and computes their status for @period_text (%NULL: the
 * period due now). @unit (%NULL: every unit the account may add data to)
 * keeps the unit with that name, id or title. Prints the error and sets
 * @exit_code on failure, including when the account has no such unit. */
OdsCliObligations *ods_cli_obligations_load (const char *portal_url,
                                             const char *period_text,
                                             const char *unit,
                                             int        *exit_code);

/* "Sở Tài chính, Sở Y tế". */
char *ods_cli_obligations_dup_unit_names (OdsCliObligations *self);

G_END_DECLS
