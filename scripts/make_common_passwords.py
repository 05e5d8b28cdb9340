"""Write resources/passwords/common.txt: passwords too common to allow at a station.

The list is made here from patterns, not downloaded: the passwords people pick the world over
(digit runs, keyboard rows, "password", "iloveyou"…), the ones Vietnamese users pick ("matkhau",
"anhyeuem", "congan"…), family and given names and their pairs, places, the police's own words.
Entries are folded (lower case, no Vietnamese marks, no spaces or separators), as
`desktop.core.credentials` compares them; it also strips the digits and symbols people put before
or after a word ("Congan@2026", "123minh"), so the endings need not be listed here.

Run `python scripts/make_common_passwords.py` after changing a list below, and commit the result.
"""

from __future__ import annotations

from itertools import product
from pathlib import Path

TARGET = Path(__file__).resolve().parents[1] / "resources" / "passwords" / "common.txt"


def _words(text: str) -> list[str]:
    return text.split()


# The world's usual choices (lists of leaked passwords agree on these).
WORLD = _words(
    """
password passw0rd p@ssword p@ssw0rd pass pass123 passwort motdepasse contrasena
qwerty qwertyui qwertyuiop asdf asdfgh asdfghjk asdfghjkl zxcvbn zxcvbnm qazwsx qazwsxedc
1qaz2wsx 1q2w3e4r 1q2w3e4r5t 1q2w3e 1qazxsw2 zaq12wsx zaq1zaq1 q1w2e3r4 a1b2c3d4 abc123 abcd1234
abcdef abcdefgh abcdefghij aaaaaa admin administrator root user guest test tester login welcome
letmein iloveyou loveyou lovely love monkey dragon master shadow sunshine princess football
baseball soccer superman batman trustno1 freedom whatever starwars computer internet secret
hello hellokitty charlie michael jordan jennifer hunter ranger buster thomas tigger pokemon
samsung apple google facebook youtube microsoft windows changeme default system server
"""
)

# What Vietnamese users pick, and the words of a commune police station.
VIETNAMESE = _words(
    """
matkhau matkhaumoi matkhau moi doimatkhau mk mk123 anhyeuem emyeuanh yeuem yeuanh anhyeu emyeu
yeuemnhieu yeuanhnhieu iuem iuanh toiyeuem toiyeuban yeuthuong thuongem thuonganh nhoem nhoanh
vietnam vietnamvodich vodich tinhyeu hanhphuc giadinh baby bebe cuncon meo meomeo cunyeu
congan conganxa conganphuong conganhuyen congantinh conganquan congannhandan cand bocongan
canhsat canhsatkhuvuc csgt cskv anninh antt trattu trungsi thuongsi dailuy trunguy thieuuy
chien sy chiensy canbo chihuy truongcongan phocongan truongdon donconganxa xa phuong huyen tinh
tram tramconganxa hoso hosohokhau hokhau cutru cccd cancuoc dinhdanh vneid
hanoi saigon hochiminh tphcm danang haiphong cantho hue nhatrang dalat vungtau quangninh
nghean thanhhoa bacninh namdinh thaibinh haiduong hungyen ninhbinh hatinh quangbinh
"""
)

FAMILY_NAMES = _words(
    """
nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dinh trinh mai luong
lam cao chu ta quach thai truong doan ha vuong kieu
"""
)

GIVEN_NAMES = _words(
    """
anh minh hung dung tuan nam linh lan huong trang thao hoa mai ngoc phuong thanh hai long duc
quang son thu ha hien hanh hang trung khanh vy yen quynh nhung tam tien kien cuong hieu thang
binh phong vinh loc tai phat bao huy khoa dat thinh nhat an tu nga nhi uyen trinh giang chau
diep dieu hoai hue lien loan ly my nguyet oanh tham thuy tuyet van xuan hoang hau hiep khang
khoi luan manh nghia nhan phuc quan quoc sang tan thien toan tri truong tung viet vu dong duy
hoangyen thuytien ngocanh tuananh ducanh hoanganh minhanh phuonganh lananh mylinh thuylinh
"""
)

MIDDLE_NAMES = ["van", "thi"]


def digit_patterns() -> set[str]:
    out: set[str] = set()
    run = "01234567890123456789"
    for length in range(6, 17):
        for start in range(10):
            out.add(run[start : start + length])
            out.add(run[start : start + length][::-1])
    for digit in "0123456789":
        for length in range(4, 17):
            out.add(digit * length)
    for block in (
        "12",
        "123",
        "1234",
        "12345",
        "123456",
        "112233",
        "121212",
        "123321",
        "6868",
        "8686",
        "686868",
        "868686",
        "1357",
        "2468",
        "147258369",
        "159753",
        "147852",
        "789456",
        "789456123",
        "456123",
        "741852963",
        "963852741",
        "159357",
    ):
        for times in range(1, 5):
            if 6 <= len(block * times) <= 16:
                out.add(block * times)
    for a, b in product("0123456789", repeat=2):
        out.add((a + b) * 4)
        out.add((a + b) * 5)
    return out


def words() -> set[str]:
    bases = set(WORLD) | set(VIETNAMESE) | set(FAMILY_NAMES) | set(GIVEN_NAMES)
    for family, given in product(FAMILY_NAMES, GIVEN_NAMES):
        bases.add(family + given)
        bases.add(given + family)
        for middle in MIDDLE_NAMES:
            bases.add(family + middle + given)
            bases.add(middle + given)
    return bases


def main() -> None:
    entries = digit_patterns() | words()
    text = "\n".join(sorted(e for e in entries if len(e) >= 2)) + "\n"
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(
        "# Passwords too common to allow (folded: lower case, no marks, no spaces).\n"
        "# Made by scripts/make_common_passwords.py; do not edit by hand.\n" + text,
        encoding="utf-8",
    )
    print(f"{TARGET}: {text.count(chr(10))} entries")


if __name__ == "__main__":
    main()
