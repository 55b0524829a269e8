"""CUCM enterprise parameters of the "SSO and OAuth Configuration" section (S23, S2, S1).

Each parameter has its exact name, values or range, and default; setting a value the product
would refuse raises :class:`~uclab.core.errors.ConfigError` naming the allowed values or range.
The two refresh parameters exist from 11.5(1)SU3 / 12.0 (S1, S2); the access-token timer from
10.5(2) (``PARAM_ACCESS_EXPIRY_SINCE``, an inference [U]: no source dates it). The other
parameters are shown on every release; when each arrived is not documented [U].
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.facts.releases import Version, refresh_expiry_max_days, supports_refresh

_ACCESS_EXPIRY_FROM = Version.parse(facts.PARAM_ACCESS_EXPIRY_SINCE)


@dataclass(frozen=True)
class ParamSpec:
    name: facts.Fact
    default: Any
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: Callable[[Version], int] | None = None
    available: Callable[[Version], bool] = lambda v: True
    unit: str = ""
    #: the release named when the parameter does not exist yet
    since: str = ""

    def describe(self, version: Version) -> str:
        if self.choices:
            return " / ".join(self.choices)
        if self.maximum is not None:
            return f"{self.minimum}-{self.maximum(version)} {self.unit}".strip()
        return "comma-separated list"


SPECS: tuple[ParamSpec, ...] = (
    ParamSpec(facts.PARAM_REFRESH_FLOW, str(facts.DISABLED),
              choices=(str(facts.ENABLED), str(facts.DISABLED)), available=supports_refresh,
              since=f"{facts.RELEASE_REFRESH} / 12.0"),
    ParamSpec(facts.PARAM_ACCESS_EXPIRY, int(facts.PARAM_ACCESS_EXPIRY_DEFAULT),
              minimum=int(facts.PARAM_ACCESS_EXPIRY_MIN),
              maximum=lambda v: int(facts.PARAM_ACCESS_EXPIRY_MAX), unit="minutes",
              available=lambda v: v >= _ACCESS_EXPIRY_FROM,
              since=f"{facts.PARAM_ACCESS_EXPIRY_SINCE} in the lab, an inference [U]"),
    ParamSpec(facts.PARAM_REFRESH_EXPIRY, int(facts.PARAM_REFRESH_EXPIRY_DEFAULT),
              minimum=int(facts.PARAM_REFRESH_EXPIRY_MIN), maximum=refresh_expiry_max_days,
              available=supports_refresh, unit="days", since=f"{facts.RELEASE_REFRESH} / 12.0"),
    ParamSpec(facts.PARAM_IOS_SSO, str(facts.IOS_EMBEDDED),
              choices=(str(facts.IOS_EMBEDDED), str(facts.IOS_NATIVE))),
    ParamSpec(facts.PARAM_RTMT_SSO, str(facts.RTMT_TRUE),
              choices=(str(facts.RTMT_TRUE), str(facts.RTMT_FALSE))),
    ParamSpec(facts.PARAM_REDIRECT_URIS, ""),
)


class EnterpriseParameters:
    """The parameter values of one cluster, checked against the cluster's release."""

    def __init__(self, version: Version, specs: tuple[ParamSpec, ...] = SPECS,
                 product: str = "CUCM", page: str = "") -> None:
        self.version = version
        self.product = product
        self.page = page
        self._by_name = {str(s.name): s for s in specs}
        self._values = {str(s.name): s.default for s in specs if s.available(version)}

    def spec(self, name: str) -> ParamSpec:
        spec = self._by_name.get(name) if isinstance(name, str) else None
        if spec is None:
            known = "; ".join(self._by_name)
            raise ConfigError(f"{self.product} {self.version} has no enterprise parameter "
                              f"{name!r} in {facts.PARAM_SECTION}; it has: {known}")
        if not spec.available(self.version):
            raise ConfigError(f"{name!r} does not exist on {self.product} {self.version} (it "
                              f"arrived with {spec.since})")
        return spec

    def __getitem__(self, name: str) -> Any:
        self.spec(name)
        return self._values[name]

    def set(self, name: str, value: Any) -> None:
        spec = self.spec(name)
        if spec.choices:
            if str(value) not in spec.choices:
                raise ConfigError(f"{name!r} takes {' or '.join(spec.choices)} (got {value!r})")
            self._values[name] = str(value)
        elif spec.maximum is not None:
            top = spec.maximum(self.version)
            if isinstance(value, bool) or not isinstance(value, int):
                raise ConfigError(f"{name!r} takes a whole number {spec.minimum}-{top} "
                                  f"(got {value!r})")
            if not spec.minimum <= value <= top:
                raise ConfigError(f"{name!r} must be in the range {spec.minimum}-{top} "
                                  f"{spec.unit} on CUCM {self.version} (got {value})")
            self._values[name] = value
        else:
            if not isinstance(value, str):
                raise ConfigError(f"{name!r} takes a comma-separated list of URIs (got {value!r})")
            self._values[name] = value

    def items(self) -> list[tuple[str, Any]]:
        return list(self._values.items())

    @property
    def refresh_enabled(self) -> bool:
        return self._values.get(str(facts.PARAM_REFRESH_FLOW)) == str(facts.ENABLED)

    @property
    def access_lifetime_s(self) -> int:
        return int(self._values.get(str(facts.PARAM_ACCESS_EXPIRY),
                                    int(facts.PARAM_ACCESS_EXPIRY_DEFAULT))) * 60

    @property
    def refresh_lifetime_s(self) -> int:
        return int(self._values.get(str(facts.PARAM_REFRESH_EXPIRY),
                                    int(facts.PARAM_REFRESH_EXPIRY_DEFAULT))) * 86400

    @property
    def third_party_redirect_uris(self) -> list[str]:
        raw = self._values[str(facts.PARAM_REDIRECT_URIS)]
        return [u.strip() for u in raw.split(",") if u.strip()]

    def table(self) -> str:
        """The section as the admin page lists it: name, value, allowed values."""
        rows = [f"{self.page} > {facts.PARAM_SECTION}" if self.page else f"{facts.PARAM_SECTION}"]
        for name, value in self._values.items():
            rows.append(f"  {name:<45} {value!s:<22} "
                        f"[{self._by_name[name].describe(self.version)}]")
        return "\n".join(rows)
