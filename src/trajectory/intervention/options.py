"""The five recommendations the issue names (9.4), seeded once; administrators change them
through the admin afterwards. Keys are stable so the demo and tests can name an option."""

from __future__ import annotations

CONTINUED_DIRECTION = "continued-direction"
INTERVENTION_ENDS = "intervention-ends"
ESTABLISH_TRUST = "establish-trust"
KEEP_TRUST_PAUSED = "keep-trust-paused"
WITHDRAW_TRUST = "withdraw-trust"

DEFAULT_OPTIONS: tuple[tuple[str, str, str], ...] = (
    (
        CONTINUED_DIRECTION,
        "Services stay with the council under continued direction",
        "The council keeps its children's services and goes on improving them under the "
        "direction, with the Commissioner's oversight.",
    ),
    (
        INTERVENTION_ENDS,
        "Intervention ends",
        "The council has shown it can improve on its own: the direction should be revoked.",
    ),
    (
        ESTABLISH_TRUST,
        "Establish a children's trust",
        "The council's children's services should move to an independent trust.",
    ),
    (
        KEEP_TRUST_PAUSED,
        "Keep the trust proposal paused",
        "The evidence is not yet firm enough either way: the pause should continue for a "
        "stated period.",
    ),
    (
        WITHDRAW_TRUST,
        "Withdraw the trust proposal",
        "The trust is no longer needed: the council should go on improving its own services.",
    ),
)


def options_seed(model) -> None:
    """Make each default option that is missing (`model`: RecommendationOption, or the
    migration's historical model). Never changes one that exists: administrators own them."""
    for order, (key, label, description) in enumerate(DEFAULT_OPTIONS, start=1):
        model.objects.get_or_create(
            key=key, defaults={"label": label, "description": description, "order": order}
        )
