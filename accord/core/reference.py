"""The parties shipped as reference data (loaded by migration 0002)."""

PARTIES = (
    # code, English, Russian, kind, standing
    ("ARM", "Armenia", "Армения", "state", "member"),
    ("BLR", "Belarus", "Беларусь", "state", "member"),
    ("KAZ", "Kazakhstan", "Казахстан", "state", "member"),
    ("KGZ", "Kyrgyzstan", "Кыргызстан", "state", "member"),
    ("RUS", "Russian Federation", "Российская Федерация", "state", "member"),
    ("TJK", "Tajikistan", "Таджикистан", "state", "member"),
    ("SEC", "Secretariat", "Секретариат", "organisation", "member"),
    ("IRN", "Iran (Islamic Republic of)", "Иран (Исламская Республика)", "state", "observer"),
)
