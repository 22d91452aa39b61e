"""The index generation (cache keys of totals and facet counts) and, on PostgreSQL, a
narrow heap and a title-only tsvector with its own GIN index: the first step of ranking a large match
set reads only the documents that match in the title. SQLite needs no new structure:
FTS5 filters on the ``title_terms`` column with ``{title_terms} : (...)``."""

from django.db import migrations, models

POSTGRESQL_FORWARD = [
    # Keep the heap narrow: long values (body terms, snippet source, the tsvectors)
    # go to TOAST, so reading the heap rows of 90,000 matches touches ~3,000 pages
    # instead of ~20,000. Rows written before this take effect at the next rebuild.
    "ALTER TABLE search_searchdocument SET (toast_tuple_target = 128)",
    """
    ALTER TABLE search_searchdocument ADD COLUMN title_vector tsvector
    GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, title_terms)) STORED
    """,
    "CREATE INDEX search_doc_title_vector ON search_searchdocument "
    "USING gin (title_vector)",
]
POSTGRESQL_BACKWARD = [
    "ALTER TABLE search_searchdocument RESET (toast_tuple_target)",
    "DROP INDEX IF EXISTS search_doc_title_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS title_vector",
]


def title_vector_forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRESQL_FORWARD:
            schema_editor.execute(statement)


def title_vector_backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRESQL_BACKWARD:
            schema_editor.execute(statement)


def create_state(apps, schema_editor):
    apps.get_model("search", "SearchIndexState").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_editor_permissions")]

    operations = [
        migrations.CreateModel(
            name="SearchIndexState",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("generation", models.PositiveBigIntegerField(default=0)),
            ],
            options={
                "verbose_name": "zoekindexstatus",
                "verbose_name_plural": "zoekindexstatus",
            },
        ),
        migrations.RunPython(create_state, migrations.RunPython.noop),
        migrations.RunPython(title_vector_forward, title_vector_backward),
    ]
