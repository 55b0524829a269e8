"""Cisco Unity Connection (CUC) as an OAuth resource server: Authz Servers, key sync, voicemail.

Unity Connection is not part of the CUCM cluster, so it fetches the AuthZ signing and
encryption keys itself: an admin adds the CUCM publisher under **System Settings > Authz
Servers** with an account that has AXL access, and enables **OAuth with Refresh Login Flow**
under System Settings > Enterprise Parameters > SSO and OAuth Configuration (S13, S6, S9; seed
article, "Enabling Unity Connection"). When the CUCM keys change, CUC raises the
**EvtAuthzKeyRotation** alert in CiscoSyslog and keeps its old copy; Jabber voicemail login
fails until an admin clicks **Sync Keys** (S12; *Troubleshooting Guide for Cisco Unity
Connection 14*, "Troubleshooting Authorization Code Grant Flow").

Lab model, and the choices it makes where the sources are silent (each labelled [U]):

* **Save on the New Authz Server page fetches the keys.** S12 lists the error messages "on the
  New Authz Server page, Edit Authz Server page or Search Authz Server page", so uclab contacts
  CUCM when the server is added; on an error nothing is saved and
  :class:`AuthzServerError` carries the page's message [U].
* **Order of the checks** (as a TLS client meets them): name and port, Tomcat certificate,
  an Authz key service behind the port (CUCM 11.5(1)SU3 or later), credentials, AXL access.
* **tomcat-trust starts empty**: CUC does not trust the CUCM Tomcat certificate until an admin
  uploads it (:meth:`UnityConnection.upload_tomcat_trust`) or ticks "Ignore Certificate
  Errors" (S12, S13). An upload is valid for 5 years from the upload unless told otherwise.
* **Cisco Tomcat stopped on CUCM** (S12) is modelled as the node gone from the network
  (``lab.network.detach(host)``): the connectivity error.
* **Detection of a key change** is immediate (a listener on the cluster); how real CUC notices
  is not documented [U].
* **Sync Keys with no selection** syncs every Authz server [U].

Modules: :mod:`~uclab.sim.unity.params` (enterprise parameters),
:mod:`~uclab.sim.unity.authz_servers` (a page row as the CUPI object, the S12 errors),
:mod:`~uclab.sim.unity.tomcat_trust`, :mod:`~uclab.sim.unity.key_sync` (Sync Keys,
EvtAuthzKeyRotation), :mod:`~uclab.sim.unity.tokens` (validation with CUC's key copies),
:mod:`~uclab.sim.unity.rest_api` (``/vmrest``), :mod:`~uclab.sim.unity.node`; the log lines are
:mod:`uclab.trace.dialects.unity`'s, the product names and texts :mod:`uclab.facts.unity`'s
(re-exported here; ``DEFAULT_PORT`` is the registry's UNITY_AUTHZ_DEFAULT_PORT).
"""

from uclab.facts import (
    ACTION_ADD_NEW,
    ACTION_DELETE_SELECTED,
    ACTION_SYNC_KEYS,
    ALARM_KEY_ROTATION,
    ALARM_KEY_ROTATION_SEVERITY,
    ALARM_KEY_ROTATION_TEXT,
    CISCO_SYSLOG_PATH,
    CISCOLOG_APP,
    CISCOLOG_FACILITY,
    CISCOLOG_FORMAT,
    ERR_CERT_EXPIRED,
    ERR_CERT_NOT_YET_VALID,
    ERR_CERT_UNTRUSTED,
    ERR_CONNECT,
    ERR_CONNECT_NETWORK,
    ERR_NOT_AUTHORIZED,
    FIELD_ADDRESS,
    FIELD_DISPLAY_NAME,
    FIELD_IGNORE_CERT,
    FIELD_LAST_SYNC,
    FIELD_OBJECT_ID,
    FIELD_PASSWORD,
    FIELD_PORT,
    FIELD_USERNAME,
    LABEL_IGNORE_CERTIFICATE_ERRORS,
    OAUTH_OFF_TEXT,
    PAGE_AUTHZ_SERVERS,
    PAGE_EDIT,
    PAGE_ENTERPRISE_PARAMETERS,
    PAGE_NEW,
    PAGE_SEARCH,
    REST_AUTHZ_SERVER,
    ROLE_SYSTEM_ADMIN,
    SYNC_DATE_FORMAT,
    SYNC_FAILED,
    SYNC_PASSED,
    TOMCAT_TRUST,
    TRACE_AUTHZ,
    TRACE_VMREST,
    VM_INBOX_PATH,
    VM_MESSAGES_XML,
    XML_ITEM,
    XML_LIST,
)
from uclab.facts import UNITY_AUTHZ_DEFAULT_PORT as DEFAULT_PORT
from uclab.sim.unity.authz_servers import (
    AuthzServer,
    AuthzServerError,
    SyncResult,
    format_sync_status,
)
from uclab.sim.unity.node import UnityConnection
from uclab.sim.unity.params import PARAM_SPECS, unity_parameters
from uclab.sim.unity.rest_api import CUC_ADMIN
from uclab.sim.unity.tomcat_trust import TRUST_DEFAULT_SECONDS, TrustedCertificate

__all__ = [
    "ACTION_ADD_NEW", "ACTION_DELETE_SELECTED", "ACTION_SYNC_KEYS", "ALARM_KEY_ROTATION",
    "ALARM_KEY_ROTATION_SEVERITY", "ALARM_KEY_ROTATION_TEXT", "CISCOLOG_APP", "CISCOLOG_FACILITY",
    "CISCOLOG_FORMAT", "CISCO_SYSLOG_PATH", "CUC_ADMIN", "DEFAULT_PORT", "ERR_CERT_EXPIRED",
    "ERR_CERT_NOT_YET_VALID", "ERR_CERT_UNTRUSTED", "ERR_CONNECT", "ERR_CONNECT_NETWORK",
    "ERR_NOT_AUTHORIZED", "FIELD_ADDRESS", "FIELD_DISPLAY_NAME", "FIELD_IGNORE_CERT",
    "FIELD_LAST_SYNC", "FIELD_OBJECT_ID", "FIELD_PASSWORD", "FIELD_PORT", "FIELD_USERNAME",
    "LABEL_IGNORE_CERTIFICATE_ERRORS", "OAUTH_OFF_TEXT", "PAGE_AUTHZ_SERVERS", "PAGE_EDIT",
    "PAGE_ENTERPRISE_PARAMETERS", "PAGE_NEW", "PAGE_SEARCH", "PARAM_SPECS", "REST_AUTHZ_SERVER",
    "ROLE_SYSTEM_ADMIN", "SYNC_DATE_FORMAT", "SYNC_FAILED", "SYNC_PASSED", "TOMCAT_TRUST",
    "TRACE_AUTHZ", "TRACE_VMREST", "TRUST_DEFAULT_SECONDS", "VM_INBOX_PATH", "VM_MESSAGES_XML",
    "XML_ITEM", "XML_LIST", "AuthzServer", "AuthzServerError", "SyncResult", "TrustedCertificate",
    "UnityConnection", "format_sync_status", "unity_parameters",
]
