"""A hand-written CIN census of two made-up children, and a helper that reads files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from trajectory.returns.cin.reader import read_return

SMALL = """<?xml version="1.0" encoding="UTF-8"?>
<Message>
  <Header>
    <CollectionDetails>
      <Collection>CIN</Collection>
      <Year>2025</Year>
      <ReferenceDate>2025-03-31</ReferenceDate>
    </CollectionDetails>
    <Source>
      <SourceLevel>L</SourceLevel>
      <LEA>990</LEA>
      <DateTime>2025-05-01T10:00:00</DateTime>
    </Source>
  </Header>
  <Children>
    <Child>
      <ChildIdentifiers>
        <LAchildID>C1</LAchildID>
        <UPN>A990000000001</UPN>
        <PersonBirthDate>2015-06-01</PersonBirthDate>
        <Sex>F</Sex>
      </ChildIdentifiers>
      <ChildCharacteristics>
        <Ethnicity>WBRI</Ethnicity>
        <Disabilities>
          <Disability>HAND</Disability>
          <Disability>HEAR</Disability>
        </Disabilities>
      </ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>2024-05-01</CINreferralDate>
        <ReferralSource>6</ReferralSource>
        <PrimaryNeedCode>N1</PrimaryNeedCode>
        <Assessments>
          <AssessmentActualStartDate>2024-05-02</AssessmentActualStartDate>
          <AssessmentAuthorisationDate>2024-06-10</AssessmentAuthorisationDate>
          <FactorsIdentifiedAtAssessment>
            <AssessmentFactors>3B</AssessmentFactors>
            <AssessmentFactors>4B</AssessmentFactors>
          </FactorsIdentifiedAtAssessment>
        </Assessments>
        <Section47>
          <S47ActualStartDate>2024-05-03</S47ActualStartDate>
          <InitialCPCtarget>2024-05-24</InitialCPCtarget>
          <DateOfInitialCPC>2024-05-20</DateOfInitialCPC>
          <ICPCnotRequired>false</ICPCnotRequired>
        </Section47>
        <ReferralNFA>0</ReferralNFA>
        <ChildProtectionPlans>
          <CPPstartDate>2024-05-20</CPPstartDate>
          <InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse>
          <LatestCategoryOfAbuse>EMO</LatestCategoryOfAbuse>
          <NumberOfPreviousCPP>1</NumberOfPreviousCPP>
          <Reviews>
            <CPPreviewDate>2024-08-15</CPPreviewDate>
            <CPPreviewDate>2025-02-10</CPPreviewDate>
          </Reviews>
        </ChildProtectionPlans>
      </CINdetails>
    </Child>
    <Child>
      <ChildIdentifiers>
        <LAchildID>C2</LAchildID>
        <UPNunknown>UN1</UPNunknown>
        <PersonBirthDate>2022-01-09</PersonBirthDate>
        <Sex>M</Sex>
      </ChildIdentifiers>
      <ChildCharacteristics>
        <Ethnicity>MWBA</Ethnicity>
        <Disabilities><Disability>NONE</Disability></Disabilities>
      </ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>2024-04-10</CINreferralDate>
        <ReferralSource>3B</ReferralSource>
        <CINclosureDate>2024-04-12</CINclosureDate>
        <ReasonForClosure>RC7</ReasonForClosure>
        <ReferralNFA>true</ReferralNFA>
      </CINdetails>
      <CINdetails>
        <CINreferralDate>2024-11-01</CINreferralDate>
        <ReferralSource>2A</ReferralSource>
        <PrimaryNeedCode>N4</PrimaryNeedCode>
        <Assessments>
          <AssessmentActualStartDate>2024-11-04</AssessmentActualStartDate>
        </Assessments>
        <CINPlanDates>
          <CINPlanStartDate>2025-01-06</CINPlanStartDate>
        </CINPlanDates>
        <ReferralNFA>0</ReferralNFA>
      </CINdetails>
    </Child>
  </Children>
</Message>
"""


@pytest.fixture
def read(tmp_path: Path):
    """read(name, content, **kwargs) -> ReadResult, the content written to a file first."""

    def reading(name: str, content: str | bytes, **kwargs):
        path = tmp_path / name
        path.write_bytes(content.encode() if isinstance(content, str) else content)
        kwargs.setdefault("max_bytes", 50_000_000)
        kwargs.setdefault("today", date(2025, 6, 1))
        return read_return([(name, path)], **kwargs)

    return reading
