#define G_LOG_DOMAIN "ods-unit-datasets"

#include "ods-unit-datasets.h"

void
ods_unit_datasets_free (OdsUnitDatasets *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->user);
  g_clear_pointer (&self->units, g_ptr_array_unref);
  g_clear_pointer (&self->packages, g_ptr_array_unref);
  g_free (self);
}

static void search_next (GTask *task);

static void
on_search (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OdsUnitDatasets *data = g_task_get_task_data (task);
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
  OdsUnitDatasets *data = g_task_get_task_data (task);
  guint done = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "ods-units-done"));
  OdsPortalClient *client = g_task_get_source_object (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (done == data->units->len)
    {
      /* The task data goes with the task: hand over its contents. */
      OdsUnitDatasets *out = g_new0 (OdsUnitDatasets, 1);

      out->user = g_steal_pointer (&data->user);
      out->units = g_steal_pointer (&data->units);
      out->packages = g_steal_pointer (&data->packages);
      g_task_return_pointer (task, out, (GDestroyNotify) ods_unit_datasets_free);
      return;
    }
  g_object_set_data (G_OBJECT (task), "ods-units-done", GUINT_TO_POINTER (done + 1));
  /* (@cancellable is read before the task is handed on: argument order is unspecified.) */
  ods_portal_client_package_search_async (client,
                                          ods_ckan_organization_get_id (data->units->pdata[done]),
                                          cancellable, on_search, g_steal_pointer (&task));
}

static void
on_units (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OdsUnitDatasets *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->units = ods_portal_client_organization_list_for_user_finish (ODS_PORTAL_CLIENT (source),
                                                                     result, &error);
  if (data->units == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  search_next (g_steal_pointer (&task));
}

static void
on_whoami (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OdsUnitDatasets *data = g_task_get_task_data (task);
  GCancellable *cancellable;
  GError *error = NULL;

  data->user = ods_portal_client_whoami_finish (ODS_PORTAL_CLIENT (source), result, &error);
  if (data->user == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  cancellable = g_task_get_cancellable (task);
  ods_portal_client_organization_list_for_user_async (ODS_PORTAL_CLIENT (source), cancellable,
                                                      on_units, g_steal_pointer (&task));
}

void
ods_unit_datasets_load_async (OdsPortalClient     *client,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OdsUnitDatasets *data;

  g_return_if_fail (ODS_IS_PORTAL_CLIENT (client));

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, ods_unit_datasets_load_async);
  data = g_new0 (OdsUnitDatasets, 1);
  data->packages = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, data, (GDestroyNotify) ods_unit_datasets_free);
  ods_portal_client_whoami_async (client, cancellable, on_whoami, g_steal_pointer (&task));
}

OdsUnitDatasets *
ods_unit_datasets_load_finish (OdsPortalClient  *client,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
