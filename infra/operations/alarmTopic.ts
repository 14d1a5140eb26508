import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlarmTopicProps {
  readonly stage: string;
  /** Subscribed by email when given (the address confirms once, from the email SNS sends). */
  readonly email: string | undefined;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The one SNS topic every alarm notifies. Encrypted with a key of its own: CloudWatch cannot
 * publish to a topic under the AWS-managed `aws/sns` key (its policy cannot grant
 * `cloudwatch.amazonaws.com`), and an encrypted topic accepts only TLS, SigV4-signed requests,
 * which is what cdk-nag's SNS2 and SNS3 ask for.
 */
export class AlarmTopic extends Construct {
  readonly topic: sns.Topic;
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: `Encrypts the alarm topic of memo-api-${props.stage}`,
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy,
      pendingWindow: Duration.days(7),
    });
    // What CloudWatch needs to put an alarm's message on the encrypted topic, and nothing more.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'], // in a key policy "*" is this key
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: `memo-api-${props.stage} alarms`,
      masterKey: this.key,
    });
    if (props.email) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
  }
}
