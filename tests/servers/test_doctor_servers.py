"""doctor on Cyrus and Courier: probes in the personal namespace, fails when CREATE is refused."""

from __future__ import annotations

from collections.abc import Callable

from mailmover import doctor
from mailmover.doctor import PROBLEM, run_doctor
from mailmover.engine.imap import probes
from tests.servers.conftest import Endpoint, behind
from tests.support.providers import Behaviour, ProviderProxy, Session


class RefuseCreate(Behaviour):
    """Refuses every CREATE, as an account without the right to make folders."""

    def command(
        self, proxy: ProviderProxy, s: Session, tag: bytes, name: bytes, line: bytes
    ) -> bytes | None:
        if name == b"CREATE":
            return tag + b" NO Permission denied\r\n"
        return None


def test_doctor_probes_inside_the_personal_namespace(
    endpoint: Callable[[str], Endpoint],
) -> None:
    src = endpoint("dovecot")
    c = src.client()
    c.create_folder("课题组")
    c.logout()
    for kind in ("cyrus", "courier"):
        dst = endpoint(kind)
        findings = run_doctor(src.account, dst.account)
        found = {f.code: f for f in findings}
        assert doctor.worst(findings) == "ok", [f.english() for f in findings]
        assert doctor.VIEW_OK in found, [f.english() for f in findings]
        assert found[doctor.NAMESPACE].params["prefix"] == "INBOX."
        assert found[doctor.NAMESPACE].params["example"] == "INBOX.课题组"
        c = dst.client()
        leftovers = [n for _, _, n in c.list_folders() if probes.PROBE_PREFIX in n]
        c.logout()
        assert not leftovers


def test_doctor_fails_when_the_destination_refuses_folders(
    endpoint: Callable[[str], Endpoint],
) -> None:
    src, dst = endpoint("dovecot"), endpoint("courier")
    with behind(dst, RefuseCreate()):
        findings = run_doctor(src.account, dst.account)
    refused = [f for f in findings if f.code == doctor.CREATE_REFUSED]
    assert refused and refused[0].severity == PROBLEM
    assert refused[0].params["folder"].startswith("INBOX.")
    assert "Permission denied" in refused[0].english()
