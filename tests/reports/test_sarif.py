"""findings.sarif: valid against the key rules of the SARIF 2.1.0 schema (a subset written out here, so
the test runs offline), levels mapped from severities, suppressions for dismissed findings."""

from __future__ import annotations

import json

import jsonschema
import pytest

from qinglai_rules.reports.sarif_report import (
    artifact_uri,
    build_sarif,
    rule_name,
    rulebook_descriptors,
    write_sarif_report,
)
from qinglai_rules.store.fingerprint import lineage_key, partial_fingerprints

from .builders import DISMISS_REASON, FAILED_ERROR, finding


def _object(required: list[str], properties: dict, *, closed: bool = True) -> dict:
    schema = {"type": "object", "required": required, "properties": properties}
    if closed:
        schema["additionalProperties"] = False
    return schema


_BAG = {"type": "object", "properties": {"tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": True}}}
_TEXT = _object(["text"], {"text": {"type": "string"}, "markdown": {"type": "string"}, "properties": _BAG})
_MESSAGE = {"type": "object", "anyOf": [{"required": ["text"]}, {"required": ["id"]}],
            "properties": {"text": {"type": "string"}, "id": {"type": "string"}}}
_LEVEL = {"enum": ["none", "note", "warning", "error"]}
_INDEX = {"type": "integer", "minimum": -1}
_ARTIFACT_LOCATION = _object([], {"uri": {"type": "string", "format": "uri-reference"}, "uriBaseId": {"type": "string"},
                                  "index": _INDEX, "description": _MESSAGE, "properties": _BAG})
_CONTENT = _object([], {"text": {"type": "string"}, "binary": {"type": "string"}, "properties": _BAG})
_REGION = _object([], {
    "startLine": {"type": "integer", "minimum": 1}, "startColumn": {"type": "integer", "minimum": 1},
    "endLine": {"type": "integer", "minimum": 1}, "endColumn": {"type": "integer", "minimum": 1},
    "charOffset": _INDEX, "charLength": {"type": "integer", "minimum": 0},
    "byteOffset": _INDEX, "byteLength": {"type": "integer", "minimum": 0},
    "snippet": _CONTENT, "message": _MESSAGE, "sourceLanguage": {"type": "string"}, "properties": _BAG,
})
_PHYSICAL = _object([], {"artifactLocation": _ARTIFACT_LOCATION, "region": _REGION, "contextRegion": _REGION,
                         "address": {"type": "object"}, "properties": _BAG})
_PHYSICAL["anyOf"] = [{"required": ["address"]}, {"required": ["artifactLocation"]}]
_LOGICAL = _object([], {"name": {"type": "string"}, "index": _INDEX, "fullyQualifiedName": {"type": "string"},
                        "decoratedName": {"type": "string"}, "parentIndex": _INDEX, "kind": {"type": "string"},
                        "properties": _BAG})
_LOCATION = _object([], {"id": _INDEX, "physicalLocation": _PHYSICAL,
                         "logicalLocations": {"type": "array", "items": _LOGICAL}, "message": _MESSAGE,
                         "annotations": {"type": "array"}, "relationships": {"type": "array"}, "properties": _BAG})
_FINGERPRINTS = {"type": "object", "additionalProperties": {"type": "string"}}
_SUPPRESSION = _object(["kind"], {
    "guid": {"type": "string"}, "kind": {"enum": ["inSource", "external"]},
    "status": {"enum": ["accepted", "underReview", "rejected"]}, "justification": {"type": "string"},
    "location": _LOCATION, "properties": _BAG,
})
_RESULT = _object(["message"], {
    "ruleId": {"type": "string"}, "ruleIndex": _INDEX, "rule": {"type": "object"},
    "kind": {"enum": ["notApplicable", "pass", "fail", "review", "open", "informational"]}, "level": _LEVEL,
    "message": _MESSAGE, "analysisTarget": _ARTIFACT_LOCATION,
    "locations": {"type": "array", "items": _LOCATION}, "guid": {"type": "string"},
    "partialFingerprints": _FINGERPRINTS, "fingerprints": _FINGERPRINTS,
    "relatedLocations": {"type": "array", "items": _LOCATION},
    "suppressions": {"type": "array", "items": _SUPPRESSION, "uniqueItems": True},
    "baselineState": {"enum": ["new", "unchanged", "updated", "absent"]}, "rank": {"type": "number"},
    "fixes": {"type": "array"}, "properties": _BAG,
})
_CONFIGURATION = _object([], {"enabled": {"type": "boolean"}, "level": _LEVEL, "rank": {"type": "number"},
                              "parameters": _BAG, "properties": _BAG})
_DESCRIPTOR = _object(["id"], {
    "id": {"type": "string"}, "deprecatedIds": {"type": "array"}, "guid": {"type": "string"},
    "name": {"type": "string"}, "shortDescription": _TEXT, "fullDescription": _TEXT,
    "messageStrings": {"type": "object"}, "defaultConfiguration": _CONFIGURATION,
    "helpUri": {"type": "string", "format": "uri"}, "help": _TEXT, "relationships": {"type": "array"},
    "properties": _BAG,
})
_DRIVER = _object(["name"], {
    "guid": {"type": "string"}, "name": {"type": "string"}, "fullName": {"type": "string"},
    "version": {"type": "string"}, "semanticVersion": {"type": "string"},
    "informationUri": {"type": "string", "format": "uri"},
    "rules": {"type": "array", "items": _DESCRIPTOR, "uniqueItems": True},
    "notifications": {"type": "array", "items": _DESCRIPTOR}, "properties": _BAG,
})
_NOTIFICATION = _object(["message"], {
    "locations": {"type": "array", "items": _LOCATION}, "message": _MESSAGE, "level": _LEVEL,
    "threadId": {"type": "integer"}, "timeUtc": {"type": "string"}, "exception": {"type": "object"},
    "descriptor": _object([], {"id": {"type": "string"}, "index": _INDEX, "guid": {"type": "string"},
                               "toolComponent": {"type": "object"}, "properties": _BAG}),
    "associatedRule": {"type": "object"}, "properties": _BAG,
})
_INVOCATION = _object(["executionSuccessful"], {
    "executionSuccessful": {"type": "boolean"},
    "toolExecutionNotifications": {"type": "array", "items": _NOTIFICATION},
    "toolConfigurationNotifications": {"type": "array", "items": _NOTIFICATION},
    "commandLine": {"type": "string"}, "startTimeUtc": {"type": "string"}, "endTimeUtc": {"type": "string"},
    "properties": _BAG,
}, closed=False)
_ARTIFACT = _object([], {
    "location": _ARTIFACT_LOCATION, "parentIndex": _INDEX, "offset": {"type": "integer"},
    "length": {"type": "integer", "minimum": -1}, "roles": {"type": "array"}, "mimeType": {"type": "string"},
    "contents": _CONTENT, "encoding": {"type": "string"}, "sourceLanguage": {"type": "string"},
    "hashes": {"type": "object", "additionalProperties": {"type": "string"}},
    "lastModifiedTimeUtc": {"type": "string"}, "description": _MESSAGE, "properties": _BAG,
})
_RUN = _object(["tool"], {
    "tool": _object(["driver"], {"driver": _DRIVER, "extensions": {"type": "array"}, "properties": _BAG}),
    "invocations": {"type": "array", "items": _INVOCATION},
    "originalUriBaseIds": {"type": "object"},
    "artifacts": {"type": "array", "items": _ARTIFACT, "uniqueItems": True},
    "logicalLocations": {"type": "array", "items": _LOGICAL},
    "results": {"type": "array", "items": _RESULT},
    "automationDetails": {"type": "object"}, "baselineGuid": {"type": "string"},
    "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
    "defaultEncoding": {"type": "string"}, "defaultSourceLanguage": {"type": "string"},
    "properties": _BAG,
})
SARIF_SUBSET = _object(["version", "runs"], {
    "$schema": {"type": "string", "format": "uri"}, "version": {"enum": ["2.1.0"]},
    "runs": {"type": ["array", "null"], "items": _RUN}, "inlineExternalProperties": {"type": "array"},
    "properties": _BAG,
})


def validate(log: dict) -> None:
    jsonschema.Draft7Validator.check_schema(SARIF_SUBSET)
    errors = list(jsonschema.Draft7Validator(SARIF_SUBSET).iter_errors(log))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


@pytest.fixture()
def sarif(report, tmp_path) -> dict:
    [path] = write_sarif_report(report, tmp_path)
    assert path.name == "findings.sarif"
    return json.loads(path.read_text("utf-8"))


def results_by_rule(log: dict) -> dict[str, dict]:
    return {result["ruleId"]: result for result in log["runs"][0]["results"]}


def test_log_is_valid_sarif(sarif):
    validate(sarif)
    assert sarif["version"] == "2.1.0"


def test_the_subset_rejects_what_sarif_rejects(sarif):
    broken = json.loads(json.dumps(sarif))
    broken["runs"][0]["results"][0]["level"] = "违法"
    broken["runs"][0]["results"][1]["suppressions"] = [{"kind": "reviewer", "status": "accepted"}]
    broken["runs"][0]["tool"]["driver"]["rules"][0]["shortDescription"] = "no text object"
    errors = list(jsonschema.Draft7Validator(SARIF_SUBSET).iter_errors(broken))
    assert len(errors) == 3


def test_rules_carry_title_message_suggestion_and_classification(report, sarif):
    driver = sarif["runs"][0]["tool"]["driver"]
    rules = {rule["id"]: rule for rule in driver["rules"]}
    assert set(rules) == {"DEMO-TAX-SHARE", "DEMO-GOV-GUARANTEE", "DEMO-PAY-TERM"}
    tax, item = rules["DEMO-TAX-SHARE"], finding(report, "DEMO-TAX-SHARE")
    assert tax["name"] == "DemoTaxShare"
    assert tax["shortDescription"]["text"] == item["title"]
    assert tax["fullDescription"]["text"] == item["message"]
    assert tax["help"]["text"] == item["suggestion"]
    assert tax["properties"]["family"] == "tax-rebate" and tax["properties"]["category"] == "LC"
    assert tax["properties"]["severity"] == "违法"
    assert "《中华人民共和国税收征收管理法》第三条第二款" in tax["properties"]["basis"]
    for result in sarif["runs"][0]["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_levels_follow_severity(sarif):
    results = results_by_rule(sarif)
    assert results["DEMO-TAX-SHARE"]["level"] == "error"
    assert results["DEMO-PAY-TERM"]["level"] == "warning"


def test_note_level_for_hints(report):
    finding(report, "DEMO-TAX-SHARE")["severity"] = "提示"
    log = build_sarif(report)
    validate(log)
    assert results_by_rule(log)["DEMO-TAX-SHARE"]["level"] == "note"


def test_locations_point_at_the_evidence_inside_the_clause(report, sarif):
    result = results_by_rule(sarif)["DEMO-TAX-SHARE"]
    item = finding(report, "DEMO-TAX-SHARE")
    [location] = result["locations"]
    physical = location["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "in/policy-%E5%AE%9D%E6%B8%85.txt"
    assert physical["artifactLocation"]["uriBaseId"] == "SRCROOT"
    region, context = physical["region"], physical["contextRegion"]
    assert (region["charOffset"], region["charLength"]) == (item["evidence"]["start"], len(item["evidence"]["text"]))
    assert region["snippet"]["text"] == item["evidence"]["text"]
    inside = region["charOffset"] - context["charOffset"]
    assert context["snippet"]["text"][inside : inside + region["charLength"]] == region["snippet"]["text"]
    assert location["logicalLocations"] == [{"name": "（一）", "fullyQualifiedName": "一、 › （一）"}]
    artifacts = sarif["runs"][0]["artifacts"]
    assert artifacts[physical["artifactLocation"]["index"]]["location"]["uri"] == physical["artifactLocation"]["uri"]


def test_dismissed_finding_is_suppressed_with_the_reason(sarif):
    results = results_by_rule(sarif)
    [suppression] = results["DEMO-GOV-GUARANTEE"]["suppressions"]
    assert suppression["kind"] == "external" and suppression["status"] == "accepted"
    assert suppression["justification"] == DISMISS_REASON
    assert suppression["properties"]["reviewer"] == "li"
    assert "suppressions" not in results["DEMO-PAY-TERM"]  # confirmed
    assert "suppressions" not in results["DEMO-TAX-SHARE"]  # pending


def test_fingerprints_come_from_the_store_or_are_computed_the_same_way(report, sarif):
    results = results_by_rule(sarif)
    assert results["DEMO-PAY-TERM"]["fingerprints"] == {"qinglai/v1": "f" * 64}
    computed = results["DEMO-TAX-SHARE"]["fingerprints"]["qinglai/v1"]
    assert len(computed) == 64 and computed != "f" * 64
    item = finding(report, "DEMO-TAX-SHARE")
    lineage = lineage_key("宝政发〔2019〕5号", None, "in/policy-宝清.txt")
    expected = partial_fingerprints("DEMO-TAX-SHARE", item["clause"]["text"], item["clause"]["label"], lineage)
    assert results["DEMO-TAX-SHARE"]["partialFingerprints"] == expected


def test_failed_and_skipped_inputs_are_notifications(sarif):
    [invocation] = sarif["runs"][0]["invocations"]
    notes = {n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: n
             for n in invocation["toolExecutionNotifications"]}
    assert notes["in/scanned.pdf"]["level"] == "error"
    assert notes["in/scanned.pdf"]["message"]["text"] == FAILED_ERROR
    assert notes["in/scanned.pdf"]["descriptor"]["id"] == "encrypted"
    assert notes["in/old.docx"]["level"] == "note"
    assert len(sarif["runs"][0]["artifacts"]) == 5


def test_rulebook_lists_every_rule_even_without_findings(report, demo_book):
    log = build_sarif(report, rulebook_descriptors(demo_book))
    validate(log)
    ids = [rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]]
    assert set(ids) == {rule.id for rule in demo_book.rules}
    fine = next(rule for rule in log["runs"][0]["tool"]["driver"]["rules"] if rule["id"] == "DEMO-COUNTY-FINE")
    assert fine["properties"]["basis"] and fine["defaultConfiguration"]["level"] == "error"


def test_an_empty_run_is_valid():
    log = build_sarif({"documents": []})
    validate(log)
    assert log["runs"][0]["results"] == [] and log["runs"][0]["tool"]["driver"]["name"] == "qinglai"


def test_uris():
    assert artifact_uri("docs/a b.pdf") == ("docs/a%20b.pdf", "SRCROOT")
    assert artifact_uri("/data/政策.pdf") == ("file:///data/%E6%94%BF%E7%AD%96.pdf", None)
    assert artifact_uri("C:\\in\\x.pdf") == ("file:///C:/in/x.pdf", None)
    assert rule_name("tax-rebate.local-retention") == "TaxRebateLocalRetention"
