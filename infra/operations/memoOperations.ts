import type { RemovalPolicy } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { AlarmTopic } from './alarmTopic.js';
import { addMemoAlarms, memoAlarmSpecs } from './memoAlarms.js';
import { MemoDashboard } from './memoDashboard.js';
import type { WatchedResources } from './memoMetrics.js';
import { MemoWebAcl } from './memoWebAcl.js';
import type { OperationsSettings } from './operationsSettings.js';

export interface MemoOperationsProps {
  readonly stage: string;
  readonly watched: WatchedResources;
  readonly settings: OperationsSettings;
  /** The stack's: the alarm topic's key is kept or scheduled for deletion with the data. */
  readonly removalPolicy: RemovalPolicy;
}

/**
 * What an operator runs the API with (docs/operations.md): the alarm topic and its alarms, the
 * dashboard, and the WAF web ACL in front of AppSync.
 */
export class MemoOperations extends Construct {
  readonly alarmTopic: AlarmTopic;
  readonly alarms: readonly cloudwatch.Alarm[];
  readonly webAcl: MemoWebAcl;
  readonly dashboard: MemoDashboard;

  constructor(scope: Construct, id: string, props: MemoOperationsProps) {
    super(scope, id);
    this.alarmTopic = new AlarmTopic(this, 'AlarmTopic', {
      stage: props.stage,
      email: props.settings.alarmEmail,
      removalPolicy: props.removalPolicy,
    });
    this.alarms = addMemoAlarms(this, props.stage, memoAlarmSpecs(props.watched, props.settings), this.alarmTopic.topic);
    this.webAcl = new MemoWebAcl(this, 'WebAcl', { stage: props.stage, api: props.watched.api, settings: props.settings });
    this.dashboard = new MemoDashboard(this, 'Dashboard', {
      stage: props.stage,
      watched: props.watched,
      alarms: this.alarms,
      webAclName: this.webAcl.name,
    });
  }
}
