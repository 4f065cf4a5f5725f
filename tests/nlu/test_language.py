import pytest

from nlu.language import LanguageDetector


@pytest.fixture(scope="module")
def detector():
    return LanguageDetector()


@pytest.mark.parametrize(
    ("text", "hint", "expected"),
    [
        ("ik heb schulden en de deurwaarder komt morgen", None, "nl"),
        ("I lost my job last week, can I get benefits?", None, "nl" if False else "en"),
        ("top bedankt", "nl", "nl"),
        ("hi there", "nl", "en"),
        ("thanks!", "nl", "en"),
        ("ok", "en", "en"),
        ("ok", "nl", "nl"),
        ("test", "nl", "nl"),
        ("??", "en", "en"),
        ("Dziękuję bardzo za pomoc w tej sprawie!", "nl", "pl"),
        ("Merhaba, size Türkçe yazabilir miyim?", "nl", "tr"),
        ("Я більше не хочу жити. Не бачу сенсу ні в чому.", "nl", "uk"),
        ("مرحبا، أحتاج مساعدة في دفع الإيجار", "nl", "ar"),
    ],
)
def test_language(detector, text, hint, expected):
    assert detector.detect(text, hint) == expected
