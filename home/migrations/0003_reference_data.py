from django.db import migrations


def load(apps, schema_editor):
    from home.reference_data import load_reference_data

    load_reference_data(apps)


class Migration(migrations.Migration):
    dependencies = [("home", "0002_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
