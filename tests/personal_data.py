"""The personal data that tests send as residents, in one place.

After ``make pytest``, ``tools.check_logs`` looks for every value here in the logs of the
whole run: none may be there. Tests that send a resident's phone number, e-mail address,
BSN, IBAN or postcode with house number take it from here, so the check knows it. (Names
are not listed: the masking does not recognise names, so nothing may log what residents
write in the first place; and a name such as "Sam" is in many ordinary words.)
"""

from __future__ import annotations

PHONE = "06 12345678"
PHONE_COMPACT = "0612345678"
PHONE_INTERNATIONAL = "+31 6 1234 5678"
EMAIL = "fatima@gmail.com"
EMAIL_TYPO = "fatima@gmial.com"
EMAIL_OTHER = "fatima@example.nl"
EMAIL_ENGLISH = "sam@example.nl"
BSN = "111222333"
IBAN = "NL91ABNA0417164300"
ADDRESS = "4121 AB 7"

# Every value above, for the log check (which also looks for them without spaces,
# dots or dashes, and for a phone number in international form).
PHONES = (PHONE, PHONE_COMPACT, PHONE_INTERNATIONAL, "+31612345678")
EMAILS = (EMAIL, EMAIL_TYPO, EMAIL_OTHER, EMAIL_ENGLISH)
BSNS = (BSN,)
IBANS = (IBAN,)
ADDRESSES = (ADDRESS,)
ALL = (*PHONES, *EMAILS, *BSNS, *IBANS, *ADDRESSES)

# One message with all of it, as a resident might write it.
EVERYTHING = (
    f"bel me op {PHONE} of mail {EMAIL}, mijn bsn is {BSN}, iban {IBAN}, ik woon op {ADDRESS}"
)
