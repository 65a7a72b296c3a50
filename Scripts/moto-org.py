#!/usr/bin/env python3
"""Builds an AWS Organization in a running moto_server, for the collect
end-to-end test and Scripts/bench-collect.sh (issue 16).

    Scripts/moto-org.py ENDPOINT ACCOUNTS REGIONS [RULES_PER_CELL]

ACCOUNTS accounts (the management account 123456789012 and ACCOUNTS-1
members made with organizations create-account), each with a multi-region
trail (every fourth one stopped) and, in every region of the comma list
REGIONS: a rule `fwd-all` matching every CloudTrail event (with a Kinesis
target; none in some cells; disabled in others), RULES_PER_CELL-1 narrower
rules with a target, and a schedule rule. The second account holds a
`central` bus in the first region whose policy admits the organization,
with a rule; the third account's first-region rule forwards to it.
Prints the account ids as a JSON list. Uses boto3 (the aws CLI's own
library) in one process, since one CLI process per call would take minutes.
"""
import json
import sys

import boto3

endpoint, count, regions = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(",")
rules_per_cell = int(sys.argv[4]) if len(sys.argv) > 4 else 2
base = dict(endpoint_url=endpoint, aws_access_key_id="testing", aws_secret_access_key="testing", aws_session_token="testing")
management = "123456789012"
everything = json.dumps({"detail-type": [{"suffix": "via CloudTrail"}]})
all_events = "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"

organizations = boto3.client("organizations", region_name="us-east-1", **base)
organization = organizations.create_organization(FeatureSet="ALL")["Organization"]["Id"]
accounts = [management]
for index in range(count - 1):
    status = organizations.create_account(Email=f"member-{index}@example.com", AccountName=f"member-{index}")
    accounts.append(status["CreateAccountStatus"]["AccountId"])

sts = boto3.client("sts", region_name="us-east-1", **base)


def credentials(account):
    if account == management:
        return base
    keys = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/OrganizationAccountAccessRole", RoleSessionName="setup")["Credentials"]
    return dict(endpoint_url=endpoint, aws_access_key_id=keys["AccessKeyId"], aws_secret_access_key=keys["SecretAccessKey"],
                aws_session_token=keys["SessionToken"])


def kinesis(account, region):
    return {"Id": "stream", "Arn": f"arn:aws:kinesis:{region}:{account}:stream/ct", "RoleArn": f"arn:aws:iam::{account}:role/events-to-kinesis"}


for number, account in enumerate(accounts):
    keys = credentials(account)
    boto3.client("s3", region_name="us-east-1", **keys).create_bucket(Bucket=f"trail-{account}")
    trails = boto3.client("cloudtrail", region_name="us-east-1", **keys)
    trails.create_trail(Name="main", S3BucketName=f"trail-{account}", IsMultiRegionTrail=True)
    if number % 4 != 3:
        trails.start_logging(Name="main")
    for position, region in enumerate(regions):
        events = boto3.client("events", region_name=region, **keys)
        kind = (number + position) % 4
        events.put_rule(Name="fwd-all", EventPattern=everything, State=all_events)
        if kind != 1:
            events.put_targets(Rule="fwd-all", Targets=[kinesis(account, region)])
        if kind == 2:
            events.disable_rule(Name="fwd-all")
        for extra in range(rules_per_cell - 1):
            events.put_rule(Name=f"ec2-{extra}", EventPattern=json.dumps({"source": ["aws.ec2"], "detail": {"eventName": [f"Op{extra}"]}}))
            events.put_targets(Rule=f"ec2-{extra}", Targets=[kinesis(account, region)])
        events.put_rule(Name="nightly", ScheduleExpression="rate(1 day)")
        if number == 1 and position == 0:
            events.create_event_bus(Name="central")
            events.put_permission(EventBusName="central", Action="events:PutEvents", Principal="*", StatementId="Organization",
                                  Condition={"Type": "StringEquals", "Key": "aws:PrincipalOrgID", "Value": organization})
            events.put_rule(Name="alert", EventBusName="central", EventPattern=everything, State=all_events)
            events.put_targets(Rule="alert", EventBusName="central", Targets=[kinesis(account, region)])
        if number == 2 and position == 0 and len(accounts) > 1:
            events.put_rule(Name="to-central", EventPattern=everything, State=all_events)
            events.put_targets(Rule="to-central", Targets=[{
                "Id": "bus", "Arn": f"arn:aws:events:{region}:{accounts[1]}:event-bus/central",
                "RoleArn": f"arn:aws:iam::{account}:role/events-to-central"}])
print(json.dumps(accounts))
