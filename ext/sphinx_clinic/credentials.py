"""Credential letters and what they stand for (``LCSW``: Licensed Clinical Social Worker)."""

from __future__ import annotations

from typing import Any

#: Credential letters a US practice commonly uses; ``clinic_credentials`` extends them.
DEFAULT_CREDENTIALS: dict[str, str] = {
    "LCSW": "Licensed Clinical Social Worker",
    "LICSW": "Licensed Independent Clinical Social Worker",
    "LMSW": "Licensed Master Social Worker",
    "LMHC": "Licensed Mental Health Counselor",
    "MHC-LP": "Mental Health Counselor, Limited Permit",
    "LPC": "Licensed Professional Counselor",
    "LPCC": "Licensed Professional Clinical Counselor",
    "LMFT": "Licensed Marriage and Family Therapist",
    "MFT-LP": "Marriage and Family Therapist, Limited Permit",
    "LCAT": "Licensed Creative Arts Therapist",
    "LCADC": "Licensed Clinical Alcohol and Drug Counselor",
    "NCC": "National Certified Counselor",
    "PMHNP": "Psychiatric-Mental Health Nurse Practitioner",
    "PsyD": "Doctor of Psychology",
    "PhD": "Doctor of Philosophy",
    "EdD": "Doctor of Education",
    "MD": "Doctor of Medicine",
    "MSW": "Master of Social Work",
    "MA": "Master of Arts",
    "MS": "Master of Science",
}


def credential_glossary(config: Any) -> dict[str, str]:
    """Credential letters (upper-cased keys) to their meaning, site entries winning."""
    merged = {**DEFAULT_CREDENTIALS, **(config.clinic_credentials or {})}
    return {letters.upper(): meaning for letters, meaning in merged.items()}
