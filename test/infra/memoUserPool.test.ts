import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthMemoApp, type SynthesizedMemoApp } from '../../infra/assembly/synthMemoApp.js';

let synthesized: SynthesizedMemoApp;
let template: Template;

beforeAll(() => {
  synthesized = synthMemoApp({ bundle: false });
  template = synthesized.template;
});
afterAll(() => synthesized?.dispose());

/** Synthesizes with extra context and hands the template to `check`. */
function withContext(context: Record<string, string>, check: (template: Template) => void): void {
  const other = synthMemoApp({ bundle: false, context });
  try {
    check(other.template);
  } finally {
    other.dispose();
  }
}

function clientProperties(from: Template): Record<string, unknown> {
  const clients = Object.values(from.findResources('AWS::Cognito::UserPoolClient'));
  expect(clients).toHaveLength(1);
  return clients[0]!.Properties;
}

describe('user pool', () => {
  it('is the only one, on the Essentials plan, named after the stage', () => {
    template.resourceCountIs('AWS::Cognito::UserPool', 1);
    template.hasResourceProperties('AWS::Cognito::UserPool', { UserPoolName: 'memo-users-dev', UserPoolTier: 'ESSENTIALS' });
  });

  it('signs people in with their email address as user name, case-insensitively', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      UsernameAttributes: ['email'],
      AliasAttributes: Match.absent(),
      UsernameConfiguration: { CaseSensitive: false },
      Schema: [{ Name: 'email', Required: true, Mutable: true }],
    });
  });

  it('lets people sign themselves up and verifies their email with a code', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      AutoVerifiedAttributes: ['email'],
      VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE' },
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
    });
  });

  it('requires passwords of 12 or more characters with all four character classes', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
          TemporaryPasswordValidityDays: 3,
        },
      },
    });
  });

  it('offers optional TOTP MFA, never SMS, and recovers accounts by email only', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      SmsConfiguration: Match.absent(),
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
    });
  });

  it('is retained when the stack is deleted by default', () => {
    template.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('is deleted with the stack only on a stage flagged destroyOnRemoval=true', () => {
    withContext({ stage: 'ci', destroyOnRemoval: 'true' }, (throwaway) => {
      throwaway.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Delete' });
      throwaway.hasResourceProperties('AWS::Cognito::UserPool', { UserPoolName: 'memo-users-ci' });
    });
  });
});

describe('app client', () => {
  it('is a public client (no secret) of the pool, without OAuth or hosted UI', () => {
    const poolId = Object.keys(template.findResources('AWS::Cognito::UserPool'))[0];
    expect(clientProperties(template)).toMatchObject({
      UserPoolId: { Ref: poolId },
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: false,
      SupportedIdentityProviders: ['COGNITO'],
    });
    expect(clientProperties(template).AllowedOAuthFlows).toBeUndefined();
    expect(clientProperties(template).CallbackURLs).toBeUndefined();
  });

  it('signs in with SRP and refreshes tokens, plus the admin flow only IAM callers reach, and nothing else by default', () => {
    expect((clientProperties(template).ExplicitAuthFlows as string[]).sort()).toEqual([
      'ALLOW_ADMIN_USER_PASSWORD_AUTH',
      'ALLOW_REFRESH_TOKEN_AUTH',
      'ALLOW_USER_SRP_AUTH',
    ]);
  });

  it('hides whether a user exists, and revokes tokens on sign-out', () => {
    expect(clientProperties(template)).toMatchObject({ PreventUserExistenceErrors: 'ENABLED', EnableTokenRevocation: true });
  });

  it('issues access and ID tokens for 1 hour and refresh tokens for 30 days', () => {
    expect(clientProperties(template)).toMatchObject({
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      RefreshTokenValidity: 30 * 24 * 60,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
    });
  });

  it('adds USER_PASSWORD_AUTH only when allowPasswordAuth=true', () => {
    withContext({ allowPasswordAuth: 'true' }, (scripted) => {
      expect((clientProperties(scripted).ExplicitAuthFlows as string[]).sort()).toEqual([
        'ALLOW_ADMIN_USER_PASSWORD_AUTH',
        'ALLOW_REFRESH_TOKEN_AUTH',
        'ALLOW_USER_PASSWORD_AUTH',
        'ALLOW_USER_SRP_AUTH',
      ]);
    });
  });

  it.each(['yes', 'TRUE', '1'])('rejects allowPasswordAuth=%s rather than reading it as false', (value) => {
    expect(() => synthMemoApp({ bundle: false, context: { allowPasswordAuth: value } })).toThrow(
      `context allowPasswordAuth=${value}: use true or false`,
    );
  });
});
