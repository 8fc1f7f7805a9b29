"""add artifact aliases

Revision ID: 006
Revises: 005
Create Date: 2025-11-10 14:02:11.000000
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "006"
down_revision = "005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "artifact_aliases",
        sa.Column("id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("artifact_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("version_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("alias", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=True),
        sa.ForeignKeyConstraint(["artifact_id"], ["artifacts.id"]),
        sa.ForeignKeyConstraint(["version_id"], ["artifact_versions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_artifact_aliases_artifact_id"), "artifact_aliases", ["artifact_id"], unique=False)
    op.create_index(op.f("ix_artifact_aliases_version_id"), "artifact_aliases", ["version_id"], unique=False)
    op.create_index(op.f("ix_artifact_aliases_alias"), "artifact_aliases", ["alias"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_artifact_aliases_alias"), table_name="artifact_aliases")
    op.drop_index(op.f("ix_artifact_aliases_version_id"), table_name="artifact_aliases")
    op.drop_index(op.f("ix_artifact_aliases_artifact_id"), table_name="artifact_aliases")
    op.drop_table("artifact_aliases")
