"""How Data/release-a35d157.db and .json were made, kept so the file can be made again for a later release.

Run cognito-mock built at a35d157 on an empty data file (it loads the demo seed), on port 9411:
    cognito-mock --port 9411 --data release.db
then this script with Debian's boto3 (/usr/bin/python3), then stop the server with SIGTERM, which folds the log
into release.db. The script writes facts.json (IDs and tokens) and responses.json (what the old release
answered); release-a35d157.json holds both.
"""
import boto3, json
c = boto3.client("cognito-idp", region_name="us-east-1", endpoint_url="http://127.0.0.1:9411", aws_access_key_id="t", aws_secret_access_key="t")
p = c.create_user_pool(PoolName="legacy-rich", AliasAttributes=["email","preferred_username"],
  UsernameConfiguration={"CaseSensitive": False},
  Policies={"PasswordPolicy": {"MinimumLength": 10, "RequireUppercase": True, "RequireLowercase": True, "RequireNumbers": True, "RequireSymbols": False, "TemporaryPasswordValidityDays": 3}},
  LambdaConfig={"PreSignUp": "arn:aws:lambda:us-east-1:123456789012:function:pre"},
  AutoVerifiedAttributes=["email"],
  VerificationMessageTemplate={"DefaultEmailOption": "CONFIRM_WITH_CODE", "EmailMessage": "Code {####}", "EmailSubject": "Your code"},
  MfaConfiguration="OPTIONAL", SmsConfiguration={"SnsCallerArn": "arn:aws:iam::123456789012:role/sns", "ExternalId": "x"},
  DeviceConfiguration={"ChallengeRequiredOnNewDevice": True, "DeviceOnlyRememberedOnUserPrompt": False},
  Schema=[{"Name": "tenant", "AttributeDataType": "String", "Mutable": True, "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "20"}},
          {"Name": "age", "AttributeDataType": "Number", "NumberAttributeConstraints": {"MinValue": "0", "MaxValue": "200"}}],
  AccountRecoverySetting={"RecoveryMechanisms": [{"Priority": 1, "Name": "verified_email"}]},
  UserPoolTags={"team": "legacy"})["UserPool"]
pid = p["Id"]
c.set_user_pool_mfa_config(UserPoolId=pid, SoftwareTokenMfaConfiguration={"Enabled": True}, MfaConfiguration="OPTIONAL", SmsMfaConfiguration={"SmsConfiguration": {"SnsCallerArn": "arn:aws:iam::123456789012:role/sns", "ExternalId": "x"}})
cl = c.create_user_pool_client(UserPoolId=pid, ClientName="legacy-web", ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH","ALLOW_USER_SRP_AUTH","ALLOW_REFRESH_TOKEN_AUTH","ALLOW_USER_PASSWORD_AUTH"],
  AccessTokenValidity=2, IdTokenValidity=2, TokenValidityUnits={"AccessToken": "hours", "IdToken": "hours"}, ReadAttributes=["email","custom:tenant"], WriteAttributes=["email","custom:tenant"],
  CallbackURLs=["https://app.example.com/cb"], AllowedOAuthFlows=["code"], AllowedOAuthScopes=["openid","email"], AllowedOAuthFlowsUserPoolClient=True, PreventUserExistenceErrors="ENABLED")["UserPoolClient"]
cid = cl["ClientId"]
sec = c.create_user_pool_client(UserPoolId=pid, ClientName="legacy-secret", GenerateSecret=True)["UserPoolClient"]
c.admin_create_user(UserPoolId=pid, Username="carol", TemporaryPassword="Temp0rary!!", MessageAction="SUPPRESS",
  UserAttributes=[{"Name":"email","Value":"carol@example.com"},{"Name":"email_verified","Value":"true"},{"Name":"custom:tenant","Value":"acme"},{"Name":"preferred_username","Value":"caz"}])
c.admin_set_user_password(UserPoolId=pid, Username="carol", Password="Passw0rd!Legacy", Permanent=True)
c.admin_create_user(UserPoolId=pid, Username="dan", TemporaryPassword="Temp0rary!!", MessageAction="SUPPRESS")
r = c.admin_initiate_auth(UserPoolId=pid, ClientId=cid, AuthFlow="ADMIN_USER_PASSWORD_AUTH", AuthParameters={"USERNAME":"carol","PASSWORD":"Passw0rd!Legacy"})
res = r["AuthenticationResult"]
dev = res["NewDeviceMetadata"]
# confirm device with a dummy verifier
import base64, os
c.confirm_device(AccessToken=res["AccessToken"], DeviceKey=dev["DeviceKey"], DeviceName="carol laptop",
  DeviceSecretVerifierConfig={"PasswordVerifier": base64.b64encode(os.urandom(384)).decode(), "Salt": base64.b64encode(os.urandom(16)).decode()})
r2 = c.admin_initiate_auth(UserPoolId=pid, ClientId=cid, AuthFlow="ADMIN_USER_PASSWORD_AUTH", AuthParameters={"USERNAME":"dan","PASSWORD":"Temp0rary!!"})
# demo: alice sign-in to make a grant in the demo pool
d = c.admin_initiate_auth(UserPoolId="us-east-1_DemoAlias", ClientId="demoaliasweb00000000000001", AuthFlow="ADMIN_USER_PASSWORD_AUTH", AuthParameters={"USERNAME":"alice","PASSWORD":"Passw0rd!"})
json.dump({"pool": pid, "client": cid, "secretClient": sec["ClientId"], "secret": sec["ClientSecret"], "carolRefresh": res["RefreshToken"], "carolDevice": dev["DeviceKey"],
  "danSession": r2["Session"], "aliceRefresh": d["AuthenticationResult"].get("RefreshToken")}, open("facts.json","w"), indent=1)
print(c.describe_user_pool(UserPoolId=pid)["UserPool"]["SchemaAttributes"][-2:])
import urllib.request
facts = json.load(open("facts.json"))
def call(op, body):
    req = urllib.request.Request("http://127.0.0.1:9411/", data=json.dumps(body).encode(), method="POST", headers={
      "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "AWSCognitoIdentityProviderService." + op,
      "Authorization": "AWS4-HMAC-SHA256 Credential=t/20260101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=00"})
    return json.loads(urllib.request.urlopen(req).read())
pid, cid = facts["pool"], facts["client"]
out = {
 "DescribeUserPool": call("DescribeUserPool", {"UserPoolId": pid}),
 "DescribeUserPoolClient": call("DescribeUserPoolClient", {"UserPoolId": pid, "ClientId": cid}),
 "DescribeUserPoolClientSecret": call("DescribeUserPoolClient", {"UserPoolId": pid, "ClientId": facts["secretClient"]}),
 "AdminGetUserCarol": call("AdminGetUser", {"UserPoolId": pid, "Username": "caz"}),
 "AdminListDevicesCarol": call("AdminListDevices", {"UserPoolId": pid, "Username": "carol@example.com"}),
 "GetUserPoolMfaConfig": call("GetUserPoolMfaConfig", {"UserPoolId": pid}),
 "DescribeDemoPool": call("DescribeUserPool", {"UserPoolId": "us-east-1_DemoAlias"}),
 "AdminGetUserAlice": call("AdminGetUser", {"UserPoolId": "us-east-1_DemoAlias", "Username": "alice"}),
}
json.dump(out, open("responses.json", "w"), indent=1, sort_keys=True)
print(len(json.dumps(out)))
