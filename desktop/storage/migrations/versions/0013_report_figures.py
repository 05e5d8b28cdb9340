"""The figures a chief types for a report's period: `reports.figures_json`.

Residence and ID (căn cước) applications are processed in the national systems, so no record of
this station carries them; the chief types how many were received and resolved in the period
(docs/reports.md). They are kept with the report's draft and, like its narrative, frozen once the
report is submitted: the trigger of 0006 is made again with the new column among those it guards.
"""

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE reports ADD COLUMN figures_json TEXT NOT NULL DEFAULT '{}'")
    op.execute("DROP TRIGGER reports_frozen")
    # A submitted report is frozen: only its sync flags may still change.
    op.execute(
        "CREATE TRIGGER reports_frozen BEFORE UPDATE ON reports WHEN OLD.status = 'submitted' AND ("
        "NEW.status IS NOT OLD.status OR NEW.frozen_json IS NOT OLD.frozen_json "
        "OR NEW.content_hash IS NOT OLD.content_hash OR NEW.narrative_json IS NOT OLD.narrative_json "
        "OR NEW.figures_json IS NOT OLD.figures_json "
        "OR NEW.period_code IS NOT OLD.period_code OR NEW.document_number IS NOT OLD.document_number "
        "OR NEW.submitted_at IS NOT OLD.submitted_at OR NEW.submitted_by IS NOT OLD.submitted_by) "
        "BEGIN SELECT RAISE(ABORT, 'a submitted report is frozen'); END"
    )


def downgrade() -> None:
    raise NotImplementedError("station databases are only ever upgraded")
