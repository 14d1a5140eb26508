import { PASSWORD_POLICY as CLIENT_PASSWORD_POLICY } from '@memo-api/client';
import { Duration, Validations, type RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

export interface MemoUserPoolProps {
  /** Names the pool `memo-users-<stage>` (pool names need not be unique: this is for people). */
  readonly stage: string;
  /** RETAIN by default: deleting the pool deletes every account, and the memos' owner ids with it. */
  readonly removalPolicy: RemovalPolicy;
  /** Adds USER_PASSWORD_AUTH to the app client, for scripts and the AWS CLI; SRP otherwise. */
  readonly allowPasswordAuth: boolean;
}

/**
 * The SDK's policy, which clients check before signing up: at least 12 characters of all four
 * classes (cdk-nag's AwsSolutions-COG1 wants 8 and three).
 */
export const PASSWORD_POLICY = {
  ...CLIENT_PASSWORD_POLICY,
  tempPasswordValidity: Duration.days(3),
} as const satisfies cognito.PasswordPolicy;

/**
 * The users of the memo API: people sign themselves up with their email address as the user
 * name, confirm it with an emailed code, and may add a TOTP authenticator. Their ID token's
 * `sub` is the `ownerId` of their memos. One public app client (no secret) for browsers, apps
 * and the CLI.
 */
export class MemoUserPool extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props: MemoUserPoolProps) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: `memo-users-${props.stage}`,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      // Email is the user name: one identifier to remember, unique in the pool, and Cognito
      // assigns the immutable `sub` the memos are owned by. Case-insensitive, as people type it.
      signInAliases: { email: true },
      signInCaseSensitive: false,
      standardAttributes: { email: { required: true, mutable: true } },
      selfSignUpEnabled: true,
      autoVerify: { email: true },
      userVerification: { emailStyle: cognito.VerificationEmailStyle.CODE },
      // A changed address becomes the sign-in name only once its new code is confirmed.
      keepOriginal: { email: true },
      passwordPolicy: PASSWORD_POLICY,
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      removalPolicy: props.removalPolicy,
    });
    Validations.of(this.userPool).acknowledge(
      {
        id: 'AwsSolutions-COG2',
        reason:
          'MFA is offered, not forced: OPTIONAL with TOTP only (no SMS). Required MFA would make every ' +
          'self-signed-up user enrol an authenticator app at first sign-in; users opt in with ' +
          'associate-software-token and set-user-mfa-preference.',
      },
      {
        id: 'AwsSolutions-COG8',
        reason:
          'Essentials feature plan: threat protection (adaptive authentication, compromised-credential ' +
          'checks) is the Plus plan, billed per monthly active user; switch featurePlan to PLUS with ' +
          'standardThreatProtectionMode when the user base warrants the cost.',
      },
    );

    this.client = this.userPool.addClient('AppClient', {
      // Public client: browsers, mobile apps and the CLI cannot keep a secret.
      generateSecret: false,
      // Refresh (ALLOW_REFRESH_TOKEN_AUTH) comes with any flow; the password never leaves the
      // device with SRP. USER_PASSWORD_AUTH sends it (over TLS) and is opt-in for scripts.
      // ADMIN_USER_PASSWORD_AUTH answers only IAM callers allowed cognito-idp:AdminInitiateAuth on
      // this pool: `npm run verify` signs its throw-away users in with it (docs/deploy.md).
      authFlows: { userSrp: true, userPassword: props.allowPasswordAuth, adminUserPassword: true },
      // No hosted UI or OAuth redirects: clients sign in through the Cognito API (Amplify Auth).
      disableOAuth: true,
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      enableTokenRevocation: true,
    });
  }
}
