"""`accord audit`: the audit trail's tools.

accord audit verify [--anchor HASH] [--published DIR]   the chain and its checkpoints
accord audit keygen FILE                                a new Ed25519 signing key
accord audit checkpoint                                 sign the chain's head now
accord audit cosign ID --signer NAME --key FILE         a party auditor's co-signature
"""

from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accord.core import checkpoints
from accord.core.audit import anchor_holds, verify_chain


class Command(BaseCommand):
    help = "Audit trail tools: verify the chain and its signed checkpoints, sign, co-sign."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="Verify the whole hash chain and its checkpoints.")
        verify.add_argument("--batch-size", type=int, default=20000)
        verify.add_argument(
            "--anchor",
            metavar="HASH",
            help="A head hash recorded from an earlier verify: fail if that event is gone "
            "(events removed from the end of the chain).",
        )
        verify.add_argument(
            "--published",
            metavar="DIR",
            help="A directory of checkpoint files collected from ACCORD_AUDIT_CHECKPOINT_DIR: "
            "fail if any of them is gone from the database or differs.",
        )
        keygen = sub.add_parser("keygen", help="Write a new Ed25519 private key (mode 0600).")
        keygen.add_argument("file")
        sub.add_parser("checkpoint", help="Sign the chain's head now (the worker does it too).")
        cosign = sub.add_parser("cosign", help="Co-sign a checkpoint with a party auditor's key.")
        cosign.add_argument("checkpoint", type=int)
        cosign.add_argument("--signer", required=True, help="The name of the signer's .pub file.")
        cosign.add_argument("--key", required=True, help="The signer's private key file.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"_{options['action']}")(options)
        except (ImproperlyConfigured, checkpoints.CosignError) as exc:
            raise CommandError(str(exc)) from exc

    def _verify(self, options: dict[str, Any]) -> None:
        result = verify_chain(batch_size=options["batch_size"])
        if not result.ok:
            raise CommandError(
                f"Audit chain broken at event {result.broken_event_id}: {result.reason} "
                f"({result.checked} events before it are intact)."
            )
        if options["anchor"] and not anchor_holds(options["anchor"]):
            raise CommandError(
                f"The recorded head {options['anchor']} is no longer in the chain: events "
                "were removed from its end."
            )
        published = Path(options["published"]) if options["published"] else None
        signed = checkpoints.verify_checkpoints(published)
        if not signed.ok:
            raise CommandError(
                "Audit checkpoints do not hold:\n" + "\n".join(f"  {p}" for p in signed.problems)
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Audit chain intact: {result.checked} events verified, "
                f"{signed.checked} signed checkpoints hold."
            )
        )
        if result.head_id is not None:
            self.stdout.write(
                f"Head: event {result.head_id}, hash {result.head_hash} "
                "(record it; pass it later as --anchor to detect truncation)."
            )

    def _keygen(self, options: dict[str, Any]) -> None:
        try:
            public = checkpoints.generate_key(Path(options["file"]))
        except FileExistsError as exc:
            raise CommandError(f"{options['file']} exists: refusing to overwrite a key.") from exc
        self.stdout.write(f"Private key written to {options['file']}. Its public key:\n{public}")

    def _checkpoint(self, options: dict[str, Any]) -> None:
        checkpoint = checkpoints.create_checkpoint()
        if checkpoint is None:
            self.stdout.write("Nothing to sign: no event since the last checkpoint.")
            return
        self.stdout.write(
            f"Checkpoint {checkpoint.pk}: event {checkpoint.event_id}, hash "
            f"{checkpoint.head_hash}, {checkpoint.event_count} events."
        )

    def _cosign(self, options: dict[str, Any]) -> None:
        key = checkpoints.load_private_key(options["key"])
        signature = checkpoints.cosign(
            checkpoint_id=options["checkpoint"], signer=options["signer"], key=key
        )
        self.stdout.write(f"Checkpoint {signature.checkpoint_id} co-signed by {signature.signer}.")
