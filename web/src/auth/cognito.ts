// The app signs in with the SDK's user-pool module; these names are the ones the app's code uses.
export { UserPoolError as CognitoError, type UserPool, type UserPoolTokens as Tokens } from '@memo-api/client';
