#define G_LOG_DOMAIN "ods-unit-datasets"

#include "ods-unit-datasets.h"

typedef struct
{
  GPtrArray *packages;
  guint      next_unit;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_pointer (&data->packages, g_ptr_array_unref);
  g_free (data);
}

static void search_next (GTask *task);

static void
on_search (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) found = NULL;
  GError *error = NULL;

  found = ods_portal_client_package_search_finish (ODS_PORTAL_CLIENT (source), result, &error);
  if (found == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (data->packages, g_object_ref (found->pdata[i]));
  search_next (g_steal_pointer (&task));
}

/* Searches the next unit, or returns when every unit is done. */
static void
search_next (GTask *task_in)
{
  g_autoptr(GTask) task = task_in;
  LoadData *data = g_task_get_task_data (task);
  OdsPortalAccount *account = g_task_get_source_object (task);
  GPtrArray *units = ods_portal_account_get_organizations (account);
  GCancellable *cancellable = g_task_get_cancellable (task);
  OdsCkanOrganization *unit;

  if (data->next_unit == units->len)
    {
      g_task_return_pointer (task, g_steal_pointer (&data->packages),
                             (GDestroyNotify) g_ptr_array_unref);
      return;
    }
  unit = units->pdata[data->next_unit++];
  ods_portal_client_package_search_async (ods_portal_account_get_client (account),
                                          ods_ckan_organization_get_id (unit), cancellable,
                                          on_search, g_steal_pointer (&task));
}

void
ods_unit_datasets_load_async (OdsPortalAccount    *account,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (ODS_IS_PORTAL_ACCOUNT (account));

  task = g_task_new (account, cancellable, callback, user_data);
  g_task_set_source_tag (task, ods_unit_datasets_load_async);
  data = g_new0 (LoadData, 1);
  data->packages = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  search_next (g_steal_pointer (&task));
}

GPtrArray *
ods_unit_datasets_load_finish (OdsPortalAccount  *account,
                               GAsyncResult      *result,
                               GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, account), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
